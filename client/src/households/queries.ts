import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { ReceivedShare, Share } from '../api/types';

export const householdKeys = {
  all: ['households'] as const,
  given: (userId: number) => [...householdKeys.all, 'given', userId] as const,
  received: (userId: number) => [...householdKeys.all, 'received', userId] as const,
};

/** The shares a person gives: to someone, or as an invite link not yet taken. */
export function useShares(userId: number) {
  return useQuery({ queryKey: householdKeys.given(userId), queryFn: () => api<Share[]>(`/users/${userId}/shares`) });
}

/** Whose money a person may see: the header's switcher and the shared pages read it. */
export function useSharedWithMe(userId: number) {
  return useQuery({
    queryKey: householdKeys.received(userId),
    queryFn: () => api<ReceivedShare[]>(`/users/${userId}/shared-with-me`),
    staleTime: 60_000,
  });
}
