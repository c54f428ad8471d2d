import { useQuery } from '@tanstack/react-query';
import { api, toQuery } from '../api/client';
import type { Merchants, MonthlySummary, SpendingSummary, Trends } from '../api/types';

// `currency` undefined: the server's default (the one most of the person's accounts hold).
type Currency = string | undefined;

export const insightKeys = {
  all: ['insights'] as const,
  spending: (userId: number, month: string, currency: Currency) =>
    [...insightKeys.all, 'spending', userId, month, currency] as const,
  monthly: (userId: number, months: number, currency: Currency) =>
    [...insightKeys.all, 'monthly', userId, months, currency] as const,
  trends: (userId: number, months: number, currency: Currency) =>
    [...insightKeys.all, 'trends', userId, months, currency] as const,
  merchants: (userId: number, months: number, currency: Currency) =>
    [...insightKeys.all, 'merchants', userId, months, currency] as const,
};

export function useSpending(userId: number, month: string, currency?: string) {
  return useQuery({
    queryKey: insightKeys.spending(userId, month, currency),
    queryFn: () => api<SpendingSummary>(`/users/${userId}/insights/spending${toQuery({ month, currency })}`),
  });
}

export function useMonthly(userId: number, months = 12, currency?: string) {
  return useQuery({
    queryKey: insightKeys.monthly(userId, months, currency),
    queryFn: () => api<MonthlySummary>(`/users/${userId}/insights/monthly${toQuery({ months, currency })}`),
  });
}

export function useTrends(userId: number, months = 12, currency?: string) {
  return useQuery({
    queryKey: insightKeys.trends(userId, months, currency),
    queryFn: () => api<Trends>(`/users/${userId}/insights/trends${toQuery({ months, currency })}`),
  });
}

export function useMerchants(userId: number, months = 12, currency?: string, limit = 10) {
  return useQuery({
    queryKey: insightKeys.merchants(userId, months, currency),
    queryFn: () => api<Merchants>(`/users/${userId}/insights/merchants${toQuery({ months, limit, currency })}`),
  });
}
