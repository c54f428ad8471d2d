import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { refetchAfterChange } from '../api/refetch';
import type { User } from '../api/types';
import { auditKeys } from '../audit/queries';
import { userKeys } from './queries';

export function useDeleteUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/users/${id}`, { method: 'DELETE' }),
    onSuccess: () => refetchAfterChange(queryClient, userKeys.all),
  });
}

/** Disable an account (it is signed out everywhere and cannot sign in) or enable it again. */
export function useSetDisabled() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, disabled }: { id: number; disabled: boolean }) =>
      api<User>(`/users/${id}/${disabled ? 'disable' : 'enable'}`, { method: 'POST' }),
    onSuccess: () => refetchAfterChange(queryClient, userKeys.all, auditKeys.all),
  });
}
