import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { refetchAfterChange } from '../api/refetch';
import type { Asset } from '../api/types';
import { netWorthKeys } from '../net-worth/queries';
import { assetKeys } from './queries';

export interface AssetCreate {
  description: string;
  value: string;
  iso_currency_code?: string;
}

function useInvalidateAssets() {
  const queryClient = useQueryClient();
  return () => refetchAfterChange(queryClient, assetKeys.all, netWorthKeys.all);
}

export function useCreateAsset() {
  const invalidate = useInvalidateAssets();
  return useMutation({
    mutationFn: (body: AssetCreate) => api<Asset>('/assets', { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

export function useDeleteAsset() {
  const invalidate = useInvalidateAssets();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/assets/${id}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}
