import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { SyncRequests } from '../api/types';

export const syncRequestKeys = { all: ['sync-requests'] as const };

/** Waiting and dead sync requests (administrators), looked at again every half minute. */
export function useSyncRequests() {
  return useQuery({
    queryKey: syncRequestKeys.all,
    queryFn: () => api<SyncRequests>('/sync-requests'),
    refetchInterval: 30_000,
  });
}
