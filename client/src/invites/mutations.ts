import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { InviteCreated } from '../api/types';
import { inviteKeys } from './queries';

export function useCreateInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<InviteCreated>('/invites', { method: 'POST', body: {} }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inviteKeys.all }),
  });
}

export function useWithdrawInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/invites/${id}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inviteKeys.all }),
  });
}
