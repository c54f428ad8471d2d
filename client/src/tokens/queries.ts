import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { ApiToken } from '../api/types';

export const tokenKeys = { of: (userId: number) => ['api-tokens', userId] as const };

export function useApiTokens(userId: number) {
  return useQuery({ queryKey: tokenKeys.of(userId), queryFn: () => api<ApiToken[]>(`/users/${userId}/tokens`) });
}
