import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { refetchAfterChange } from '../api/refetch';
import type { Account, AccountUpdate } from '../api/types';
import { netWorthKeys } from '../net-worth/queries';
import { accountKeys } from './queries';

/** Rename, hide or exclude an account; its lists and net worth follow. */
export function useUpdateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: AccountUpdate & { id: number }) =>
      api<Account>(`/accounts/${id}`, { method: 'PATCH', body }),
    onSuccess: () => refetchAfterChange(queryClient, accountKeys.all, netWorthKeys.all),
  });
}
