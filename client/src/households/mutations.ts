import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { refetchAfterChange } from '../api/refetch';
import type { ReceivedShare, Share, ShareCreate, ShareCreated, ShareUpdate } from '../api/types';
import { householdKeys } from './queries';

export function useCreateShare(userId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ShareCreate) => api<ShareCreated>(`/users/${userId}/shares`, { method: 'POST', body }),
    onSuccess: () => refetchAfterChange(queryClient, householdKeys.all),
  });
}

export function useUpdateShare() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: ShareUpdate }) =>
      api<Share>(`/shares/${id}`, { method: 'PUT', body }),
    onSuccess: () => refetchAfterChange(queryClient, householdKeys.all),
  });
}

/** Ends a share: the owner stops it, or the member leaves it. */
export function useEndShare() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/shares/${id}`, { method: 'DELETE' }),
    onSuccess: () => refetchAfterChange(queryClient, householdKeys.all),
  });
}

/** Takes an invite link: the owner's money is then shared with this person. */
export function useAcceptShare() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => api<ReceivedShare>('/shares/accept', { method: 'POST', body: { token } }),
    onSuccess: () => refetchAfterChange(queryClient, householdKeys.all),
  });
}
