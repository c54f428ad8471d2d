import { useMutation, useQueryClient } from '@tanstack/react-query';
import { accountKeys } from '../accounts/queries';
import { api } from '../api/client';
import { refetchAfterChange } from '../api/refetch';
import type { Account, ManualAccountCreate, ManualTransactionCreate, Transaction } from '../api/types';
import { budgetKeys } from '../budgets/queries';
import { insightKeys } from '../insights/queries';
import { netWorthKeys } from '../net-worth/queries';
import { recurringKeys } from '../recurring/queries';
import { transactionKeys } from '../transactions/queries';

/** A manual write moves a balance and the figures: every list and total that shows them. */
function useRefetchMoney() {
  const queryClient = useQueryClient();
  return () =>
    refetchAfterChange(
      queryClient,
      accountKeys.all,
      netWorthKeys.all,
      transactionKeys.all,
      insightKeys.all,
      budgetKeys.all,
      recurringKeys.all,
    );
}

export function useCreateManualAccount(userId: number) {
  const refetch = useRefetchMoney();
  return useMutation({
    mutationFn: (body: ManualAccountCreate) =>
      api<Account>(`/users/${userId}/manual-accounts`, { method: 'POST', body }),
    onSuccess: refetch,
  });
}

export function useDeleteManualAccount() {
  const refetch = useRefetchMoney();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/accounts/${id}`, { method: 'DELETE' }),
    onSuccess: refetch,
  });
}

export function useAddManualTransaction() {
  const refetch = useRefetchMoney();
  return useMutation({
    mutationFn: ({ accountId, body }: { accountId: number; body: ManualTransactionCreate }) =>
      api<Transaction>(`/accounts/${accountId}/transactions`, { method: 'POST', body }),
    onSuccess: refetch,
  });
}

export function useDeleteManualTransaction() {
  const refetch = useRefetchMoney();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/transactions/${id}`, { method: 'DELETE' }),
    onSuccess: refetch,
  });
}

/** An edit of a manual transaction's amount moves its account's balance too. */
export function useRefetchAfterManualEdit() {
  return useRefetchMoney();
}
