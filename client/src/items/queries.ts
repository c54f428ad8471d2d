import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Item } from '../api/types';

export const itemKeys = {
  all: ['items'] as const,
  forUser: (userId: number) => [...itemKeys.all, 'user', userId] as const,
};

export function useItems(userId: number) {
  return useQuery({ queryKey: itemKeys.forUser(userId), queryFn: () => api<Item[]>(`/users/${userId}/items`) });
}
