import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { refetchAfterChange } from '../api/refetch';
import type { Item, ItemCreate, SyncReport } from '../api/types';
import { accountKeys } from '../accounts/queries';
import { budgetKeys } from '../budgets/queries';
import { insightKeys } from '../insights/queries';
import { netWorthKeys } from '../net-worth/queries';
import { recurringKeys } from '../recurring/queries';
import { transactionKeys } from '../transactions/queries';
import { itemKeys } from './queries';

/** Everything that follows from an item's data: after a sync, link, removal or webhook. */
export function invalidateFinancialData(queryClient: QueryClient): Promise<unknown> {
  return refetchAfterChange(
    queryClient,
    itemKeys.all,
    accountKeys.all,
    transactionKeys.all,
    netWorthKeys.all,
    insightKeys.all,
    budgetKeys.all,
    recurringKeys.all,
  );
}

export function useSyncItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (itemId: number) => api<SyncReport>(`/items/${itemId}/sync`, { method: 'POST' }),
    onSettled: () => invalidateFinancialData(queryClient),
  });
}

export function useRemoveItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (itemId: number) => api<void>(`/items/${itemId}`, { method: 'DELETE' }),
    onSettled: () => invalidateFinancialData(queryClient),
  });
}

export function useResetLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (itemId: number) =>
      api<void>('/items/sandbox/item/reset_login', { method: 'POST', body: { item_id: itemId } }),
    onSettled: () => refetchAfterChange(queryClient, itemKeys.all),
  });
}

export function useExchangePublicToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ItemCreate) => api<Item>('/items', { method: 'POST', body }),
    onSuccess: () => invalidateFinancialData(queryClient),
  });
}
