import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { refetchAfterChange } from '../api/refetch';
import type { Rule, RuleCreated, RuleListed, RulesApplied, RuleWrite } from '../api/types';
import { insightKeys } from '../insights/queries';
import { transactionKeys } from '../transactions/queries';
import { ruleKeys } from './queries';

function useInvalidateRules() {
  const queryClient = useQueryClient();
  return () => refetchAfterChange(queryClient, ruleKeys.all);
}

export function useCreateRule(userId: number) {
  const invalidate = useInvalidateRules();
  return useMutation({
    mutationFn: (body: RuleWrite) => api<Rule>(`/users/${userId}/rules`, { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

/** A rule from an edit: created, and applied to the unedited past at once when asked. */
export function useCreateRuleFromEdit(userId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ rule, apply }: { rule: RuleWrite; apply: boolean }) =>
      api<RuleCreated>(`/users/${userId}/rules${apply ? '?apply=true' : ''}`, { method: 'POST', body: rule }),
    onSuccess: () => refetchAfterChange(queryClient, ruleKeys.all, transactionKeys.all, insightKeys.all),
  });
}

export function useUpdateRule() {
  const invalidate = useInvalidateRules();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: RuleWrite }) => api<Rule>(`/rules/${id}`, { method: 'PUT', body }),
    onSuccess: invalidate,
  });
}

export function useDeleteRule() {
  const invalidate = useInvalidateRules();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/rules/${id}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}

export function useReorderRules(userId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ruleIds: number[]) =>
      api<Rule[]>(`/users/${userId}/rules/order`, { method: 'PUT', body: { rule_ids: ruleIds } }),
    onMutate: (ruleIds) => {
      // Move the rows at once; the refetch confirms the order.
      const rules = queryClient.getQueryData<RuleListed[]>(ruleKeys.forUser(userId));
      if (rules) {
        const byId = new Map(rules.map((r) => [r.id, r]));
        const next = ruleIds.map((id) => byId.get(id)).filter((r): r is RuleListed => r !== undefined);
        queryClient.setQueryData(ruleKeys.forUser(userId), next);
      }
    },
    onSettled: () => refetchAfterChange(queryClient, ruleKeys.all),
  });
}

export function useApplyRules(userId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<RulesApplied>(`/users/${userId}/rules/apply`, { method: 'POST' }),
    onSuccess: () => refetchAfterChange(queryClient, transactionKeys.all, insightKeys.all, ruleKeys.all),
  });
}
