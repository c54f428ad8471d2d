import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { TwoFactor, TwoFactorPolicy } from '../api/types';

export const twoFactorKeys = {
  all: ['two-factor'] as const,
  mine: ['two-factor', 'mine'] as const,
  policy: ['two-factor', 'policy'] as const,
};

/** The logged-in person's second factors (never a secret: those are shown once). */
export function useTwoFactor() {
  return useQuery({ queryKey: twoFactorKeys.mine, queryFn: () => api<TwoFactor>('/two-factor') });
}

/** Whether everyone must have a second factor (administrators). */
export function useTwoFactorPolicy() {
  return useQuery({ queryKey: twoFactorKeys.policy, queryFn: () => api<TwoFactorPolicy>('/two-factor/policy') });
}
