import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useEveryAccount } from '../accounts/queries';
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

/** Plaid is still gathering the item's history (the server keeps asking for it). */
export function isLoadingHistory(item: Item): boolean {
  return (
    item.status === 'good' &&
    (item.transactions_update_status === 'NOT_READY' || item.transactions_update_status === 'INITIAL_UPDATE_COMPLETE')
  );
}

/** The person's items: the list's query, also read outside it (a live event names its bank). */
export function itemsQuery(userId: number) {
  return { queryKey: itemKeys.forUser(userId), queryFn: () => api<Item[]>(`/users/${userId}/items`) };
}

export function useItems(userId: number) {
  return useQuery({
    ...itemsQuery(userId),
    // The socket's NEW_TRANSACTIONS_DATA and SYNC_PROGRESS refresh the list; poll too while a
    // first sync runs or a history loads, in case the socket is down.
    refetchInterval: (query) =>
      query.state.data?.some((item) => isFirstSyncing(item) || isLoadingHistory(item)) ? 5_000 : false,
  });
}

/** What names the bank of a manual account (the server lists no item for them). */
export const MANUAL_BANK = 'Manual';

/** Each item's bank name by item id, to name the bank beside an account ("Plaid Checking"
 * is at many banks); the manual accounts' item as MANUAL_BANK. */
export function useBankNames(userId: number): ReadonlyMap<number, string> {
  const items = useItems(userId);
  const accounts = useEveryAccount(userId);
  return useMemo(() => {
    const names = new Map(
      (items.data ?? []).map((item) => [item.id, item.institution_name ?? item.plaid_institution_id]),
    );
    for (const account of accounts.data ?? []) if (account.manual) names.set(account.item_id, MANUAL_BANK);
    return names;
  }, [items.data, accounts.data]);
}
