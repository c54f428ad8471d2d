import { useQuery } from '@tanstack/react-query';
import { api, toQuery } from '../api/client';
import type { Merchants, MonthlySummary, SpendingSummary, Trends } from '../api/types';

export const insightKeys = {
  all: ['insights'] as const,
  spending: (userId: number, month: string) => [...insightKeys.all, 'spending', userId, month] as const,
  monthly: (userId: number, months: number) => [...insightKeys.all, 'monthly', userId, months] as const,
  trends: (userId: number, months: number) => [...insightKeys.all, 'trends', userId, months] as const,
  merchants: (userId: number, months: number) => [...insightKeys.all, 'merchants', userId, months] as const,
};

export function useSpending(userId: number, month: string) {
  return useQuery({
    queryKey: insightKeys.spending(userId, month),
    queryFn: () => api<SpendingSummary>(`/users/${userId}/insights/spending${toQuery({ month })}`),
  });
}

export function useMonthly(userId: number, months = 12) {
  return useQuery({
    queryKey: insightKeys.monthly(userId, months),
    queryFn: () => api<MonthlySummary>(`/users/${userId}/insights/monthly${toQuery({ months })}`),
  });
}

export function useTrends(userId: number, months = 12) {
  return useQuery({
    queryKey: insightKeys.trends(userId, months),
    queryFn: () => api<Trends>(`/users/${userId}/insights/trends${toQuery({ months })}`),
  });
}

export function useMerchants(userId: number, months = 12, limit = 10) {
  return useQuery({
    queryKey: insightKeys.merchants(userId, months),
    queryFn: () => api<Merchants>(`/users/${userId}/insights/merchants${toQuery({ months, limit })}`),
  });
}
