import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { DayWorth, NetWorth, NetWorthSnapshot } from '../api/types';

export const netWorthKeys = {
  all: ['net-worth'] as const,
  now: (userId: number) => [...netWorthKeys.all, 'now', userId] as const,
  history: (userId: number) => [...netWorthKeys.all, 'history', userId] as const,
  daily: (userId: number) => [...netWorthKeys.all, 'daily', userId] as const,
};

export function useNetWorth(userId: number) {
  return useQuery({ queryKey: netWorthKeys.now(userId), queryFn: () => api<NetWorth[]>(`/users/${userId}/net-worth`) });
}

/** `enabled` false: not asked (someone's shared money has no snapshots to show). */
export function useNetWorthHistory(userId: number, enabled = true) {
  return useQuery({
    enabled,
    queryKey: netWorthKeys.history(userId),
    queryFn: () => api<NetWorthSnapshot[]>(`/users/${userId}/net-worth/history`),
  });
}

/** Every day since the first transaction, by type, worked back from today's balances. */
export function useNetWorthDaily(userId: number) {
  return useQuery({
    queryKey: netWorthKeys.daily(userId),
    queryFn: () => api<DayWorth[]>(`/users/${userId}/net-worth/daily`),
  });
}
