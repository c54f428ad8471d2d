import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { refetchAfterChange } from '../api/refetch';
import type { ApiTokenCreate, ApiTokenCreated } from '../api/types';
import { tokenKeys } from './queries';

export function useCreateApiToken(userId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiTokenCreate) => api<ApiTokenCreated>(`/users/${userId}/tokens`, { method: 'POST', body }),
    onSuccess: () => refetchAfterChange(queryClient, tokenKeys.of(userId)),
  });
}

export function useRevokeApiToken(userId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/users/${userId}/tokens/${id}`, { method: 'DELETE' }),
    onSuccess: () => refetchAfterChange(queryClient, tokenKeys.of(userId)),
  });
}
