import { useQuery } from '@tanstack/react-query';
import { api, toQuery } from '../api/client';
import type { CashFlow, MonthCashFlow } from '../api/types';
import { insightKeys } from '../insights/queries';

// Under the insights' key: the same figures, refreshed when they are.
export const cashFlowKeys = {
  months: (userId: number, months: number, currency: string | undefined) =>
    [...insightKeys.all, 'cash-flow', userId, months, currency] as const,
  month: (userId: number, month: string, currency: string | undefined) =>
    [...insightKeys.all, 'cash-flow-month', userId, month, currency] as const,
};

export function useCashFlow(userId: number, months = 12, currency?: string) {
  return useQuery({
    queryKey: cashFlowKeys.months(userId, months, currency),
    queryFn: () => api<CashFlow>(`/users/${userId}/cash-flow${toQuery({ months, currency })}`),
  });
}

export function useMonthCashFlow(userId: number, month: string, currency?: string) {
  return useQuery({
    queryKey: cashFlowKeys.month(userId, month, currency),
    queryFn: () => api<MonthCashFlow>(`/users/${userId}/cash-flow/${month}${toQuery({ currency })}`),
  });
}
