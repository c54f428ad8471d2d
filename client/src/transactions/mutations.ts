import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { refetchAfterChange } from '../api/refetch';
import type { BulkChanges, BulkEdited, SplitUpdate, Transaction, TransactionUpdate } from '../api/types';
import { insightKeys } from '../insights/queries';
import { filtersQuery, type TransactionFilters } from './listPage';
import { transactionKeys } from './queries';

function useInvalidateTransactions() {
  const queryClient = useQueryClient();
  return () => refetchAfterChange(queryClient, transactionKeys.all, insightKeys.all);
}

export function useUpdateTransaction() {
  const invalidate = useInvalidateTransactions();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: TransactionUpdate }) =>
      api<Transaction>(`/transactions/${id}`, { method: 'PATCH', body }),
    onSuccess: invalidate,
  });
}

export function useRevertTransaction() {
  const invalidate = useInvalidateTransactions();
  return useMutation({
    mutationFn: (id: number) => api<Transaction>(`/transactions/${id}/revert`, { method: 'POST' }),
    onSuccess: invalidate,
  });
}

export function useSplitTransaction() {
  const invalidate = useInvalidateTransactions();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: SplitUpdate }) =>
      api<Transaction>(`/transactions/${id}/splits`, { method: 'PUT', body }),
    onSuccess: invalidate,
  });
}

export function useUnsplitTransaction() {
  const invalidate = useInvalidateTransactions();
  return useMutation({
    mutationFn: (id: number) => api<Transaction>(`/transactions/${id}/splits`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}

export interface BulkEdit {
  userId: number;
  /** The list's filters: the edit reaches what they match (only `ids` among them, if given). */
  filters: TransactionFilters;
  ids: number[] | null;
  changes: BulkChanges;
}

export function useBulkEdit() {
  const invalidate = useInvalidateTransactions();
  return useMutation({
    mutationFn: ({ userId, filters, ids, changes }: BulkEdit) =>
      api<BulkEdited>(`/users/${userId}/transactions/bulk-edit${filtersQuery(filters)}`, {
        method: 'POST',
        body: ids ? { ids, changes } : { changes },
      }),
    onSuccess: invalidate,
  });
}
