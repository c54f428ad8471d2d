import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Invite } from '../api/types';

export const inviteKeys = { all: ['invites'] as const };

export function useInvites() {
  return useQuery({ queryKey: inviteKeys.all, queryFn: () => api<Invite[]>('/invites') });
}
