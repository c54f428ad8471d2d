import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { PasswordChange } from '../api/types';
import { switchSession } from '../auth/queries';

/** A new password; the person's other sessions end, this one stays. */
export function useChangePassword(userId: number) {
  return useMutation({
    mutationFn: (body: PasswordChange) => api<void>(`/users/${userId}/password`, { method: 'PUT', body }),
  });
}

/** Every session of the person ends, this one included. */
export function useLogOutEverywhere(userId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>(`/users/${userId}/sessions`, { method: 'DELETE' }),
    onSuccess: () => switchSession(queryClient, null),
  });
}

/** The person's account and all of its data go, given their current password. */
export function useDeleteMyAccount(userId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (password: string) => api<void>(`/users/${userId}`, { method: 'DELETE', body: { password } }),
    onSuccess: () => switchSession(queryClient, null),
  });
}
