import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { refetchAfterChange } from '../api/refetch';
import type { Asset, AssetWrite } from '../api/types';
import { netWorthKeys } from '../net-worth/queries';
import { assetKeys } from './queries';

function useInvalidateAssets() {
  const queryClient = useQueryClient();
  return () => refetchAfterChange(queryClient, assetKeys.all, netWorthKeys.all);
}

export function useCreateAsset() {
  const invalidate = useInvalidateAssets();
  return useMutation({
    mutationFn: (body: AssetWrite) => api<Asset>('/assets', { method: 'POST', body }),
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

/** A new description, value or kind (the whole asset is sent, as PUT asks). */
export function useUpdateAsset() {
  const invalidate = useInvalidateAssets();
  return useMutation({
    mutationFn: ({ id, ...body }: AssetWrite & { id: number }) => api<Asset>(`/assets/${id}`, { method: 'PUT', body }),
    onSuccess: invalidate,
  });
}
