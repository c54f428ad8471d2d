import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Asset } from '../api/types';

export const assetKeys = {
  all: ['assets'] as const,
  forUser: (userId: number) => [...assetKeys.all, userId] as const,
};

export function useAssets(userId: number) {
  return useQuery({ queryKey: assetKeys.forUser(userId), queryFn: () => api<Asset[]>(`/users/${userId}/assets`) });
}
