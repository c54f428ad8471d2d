import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Institution } from '../api/types';

export const institutionKeys = {
  one: (institutionId: string) => ['institutions', institutionId] as const,
};

export function useInstitution(institutionId: string) {
  return useQuery({
    queryKey: institutionKeys.one(institutionId),
    queryFn: () => api<Institution>(`/institutions/${encodeURIComponent(institutionId)}`),
    staleTime: 60 * 60 * 1000,
    retry: false,
  });
}
