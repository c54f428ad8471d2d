import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Account } from '../api/types';

export const accountKeys = {
  all: ['accounts'] as const,
  forItem: (itemId: number) => [...accountKeys.all, 'item', itemId] as const,
  forUser: (userId: number) => [...accountKeys.all, 'user', userId] as const,
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
