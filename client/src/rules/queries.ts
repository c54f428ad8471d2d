import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Rule } from '../api/types';

export const ruleKeys = {
  all: ['rules'] as const,
  forUser: (userId: number) => [...ruleKeys.all, userId] as const,
};

export function useRules(userId: number) {
  return useQuery({ queryKey: ruleKeys.forUser(userId), queryFn: () => api<Rule[]>(`/users/${userId}/rules`) });
}
