import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { refetchAfterChange } from '../api/refetch';
import type { InviteCreated } from '../api/types';
import { inviteKeys } from './queries';

export function useCreateInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<InviteCreated>('/invites', { method: 'POST', body: {} }),
    onSuccess: () => refetchAfterChange(queryClient, inviteKeys.all),
  });
}

export function useWithdrawInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/invites/${id}`, { method: 'DELETE' }),
    onSuccess: () => refetchAfterChange(queryClient, inviteKeys.all),
  });
}
