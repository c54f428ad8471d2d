import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { User } from '../api/types';

export const userKeys = { all: ['users'] as const };

export function useUsers() {
  return useQuery({ queryKey: userKeys.all, queryFn: () => api<User[]>('/users') });
}
