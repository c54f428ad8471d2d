import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { RuleListed, RulePreview, RuleWrite } from '../api/types';

export const ruleKeys = {
  all: ['rules'] as const,
  forUser: (userId: number) => [...ruleKeys.all, userId] as const,
  preview: (userId: number, rule: RuleWrite) => [...ruleKeys.all, userId, 'preview', rule] as const,
};

export function useRules(userId: number) {
  return useQuery({ queryKey: ruleKeys.forUser(userId), queryFn: () => api<RuleListed[]>(`/users/${userId}/rules`) });
}

/** How many transactions creating `rule` and applying the rules would change (changes nothing). */
export function useRulePreview(userId: number, rule: RuleWrite) {
  return useQuery({
    queryKey: ruleKeys.preview(userId, rule),
    queryFn: () => api<RulePreview>(`/users/${userId}/rules/preview`, { method: 'POST', body: rule }),
    staleTime: 0,
  });
}
