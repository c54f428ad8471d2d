import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { refetchAfterChange } from '../api/refetch';
import type { Transfer } from '../api/types';
import { invalidateFinancialData } from '../items/mutations';
import { transferKeys } from './queries';

/** A pair changes what counts as spending and income: the lists, insights, budgets, cash
 * flow and recurring streams are read again. */
function useInvalidateTransfers() {
  const queryClient = useQueryClient();
  return () => Promise.all([refetchAfterChange(queryClient, transferKeys.all), invalidateFinancialData(queryClient)]);
}

export function useConfirmTransfer() {
  const invalidate = useInvalidateTransfers();
  return useMutation({
    mutationFn: (id: number) => api<Transfer>(`/transfers/${id}/confirm`, { method: 'POST' }),
    onSuccess: invalidate,
  });
}

export function useUnmatchTransfer() {
  const invalidate = useInvalidateTransfers();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/transfers/${id}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}

export function useMatchTransfer(userId: number) {
  const invalidate = useInvalidateTransfers();
  return useMutation({
    mutationFn: (transactionIds: [number, number]) =>
      api<Transfer>(`/users/${userId}/transfers`, { method: 'POST', body: { transaction_ids: transactionIds } }),
    onSuccess: invalidate,
  });
}
