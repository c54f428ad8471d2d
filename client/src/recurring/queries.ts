import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Recurring } from '../api/types';

export const recurringKeys = {
  all: ['recurring'] as const,
  of: (userId: number) => [...recurringKeys.all, userId] as const,
};

export function useRecurring(userId: number) {
  return useQuery({
    queryKey: recurringKeys.of(userId),
    queryFn: () => api<Recurring>(`/users/${userId}/recurring`),
  });
}
