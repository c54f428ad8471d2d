import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { refetchAfterChange } from '../api/refetch';
import type { RecoveryCodes, TotpSetup, TwoFactorPolicy } from '../api/types';
import { twoFactorKeys } from './queries';

export interface PasswordAndCode {
  password: string;
  code: string;
}

/** Start setting up an authenticator app: its secret and QR code, shown this once. */
export function useStartTotp() {
  return useMutation({
    mutationFn: (password: string) => api<TotpSetup>('/two-factor/totp', { method: 'POST', body: { password } }),
  });
}

/** Turn the app on with one of its codes: answers the recovery codes. */
export function useConfirmTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) =>
      api<RecoveryCodes>('/two-factor/totp/confirm', { method: 'POST', body: { code: code.trim() } }),
    // Not awaited: the status read again replaces this form, and the caller's onSuccess
    // (which shows the recovery codes) must run before it does.
    onSuccess: () => {
      void refetchAfterChange(queryClient, twoFactorKeys.all);
    },
  });
}

export function useDisableTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PasswordAndCode) => api<void>('/two-factor/totp', { method: 'DELETE', body }),
    onSuccess: () => refetchAfterChange(queryClient, twoFactorKeys.all),
  });
}

export function useRegenerateRecoveryCodes() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PasswordAndCode) => api<RecoveryCodes>('/two-factor/recovery-codes', { method: 'POST', body }),
    onSuccess: () => refetchAfterChange(queryClient, twoFactorKeys.all),
  });
}

export function useSetTwoFactorPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (required: boolean) =>
      api<TwoFactorPolicy>('/two-factor/policy', { method: 'PUT', body: { require_two_factor: required } }),
    // The answer is the new rule: shown at once, so the box never flips back meanwhile.
    onSuccess: (policy) => {
      queryClient.setQueryData(twoFactorKeys.policy, policy);
      void queryClient.invalidateQueries({ queryKey: twoFactorKeys.mine });
    },
  });
}
