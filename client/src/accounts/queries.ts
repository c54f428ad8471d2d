import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Account, DayBalance } from '../api/types';

export const accountKeys = {
  all: ['accounts'] as const,
  forItem: (itemId: number) => [...accountKeys.all, 'item', itemId] as const,
  forUser: (userId: number) => [...accountKeys.all, 'user', userId] as const,
  everyForUser: (userId: number) => [...accountKeys.all, 'user', userId, 'with-hidden'] as const,
  balances: (accountId: number) => [...accountKeys.all, 'balances', accountId] as const,
};

export function useItemAccounts(itemId: number) {
  return useQuery({
    queryKey: accountKeys.forItem(itemId),
    queryFn: () => api<Account[]>(`/items/${itemId}/accounts`),
  });
}

export function useUserAccounts(userId: number) {
  return useQuery({
    queryKey: accountKeys.forUser(userId),
    queryFn: () => api<Account[]>(`/users/${userId}/accounts`),
  });
}

/** Every account, the hidden ones too: the accounts page, where they are shown again. */
export function useEveryAccount(userId: number) {
  return useQuery({
    queryKey: accountKeys.everyForUser(userId),
    queryFn: () => api<Account[]>(`/users/${userId}/accounts?include_hidden=true`),
  });
}

/** The account's balance on every day since its first transaction. */
export function useDailyBalances(accountId: number) {
  return useQuery({
    queryKey: accountKeys.balances(accountId),
    queryFn: () => api<DayBalance[]>(`/accounts/${accountId}/daily-balances`),
  });
}
