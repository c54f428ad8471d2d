import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Item } from '../api/types';

export const itemKeys = {
  all: ['items'] as const,
  forUser: (userId: number) => [...itemKeys.all, 'user', userId] as const,
};

/** A linked item whose first sync has not written anything yet. */
export function isFirstSyncing(item: Item): boolean {
  return item.status === 'good' && item.last_synced_at === null;
}

export function useItems(userId: number) {
  return useQuery({
    queryKey: itemKeys.forUser(userId),
    queryFn: () => api<Item[]>(`/users/${userId}/items`),
    // The socket's NEW_TRANSACTIONS_DATA refreshes the list; poll too while a first sync runs,
    // in case the socket is down.
    refetchInterval: (query) => (query.state.data?.some(isFirstSyncing) ? 5_000 : false),
  });
}
