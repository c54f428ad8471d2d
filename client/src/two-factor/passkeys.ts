/**
 * Passkeys through @simplewebauthn/browser: the server's options in, the browser's answer
 * out. The library loads when a passkey is first used, not with the log-in page.
 */
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { PasskeyAdded, PasskeyOptions, User } from '../api/types';
import { switchSession } from '../auth/queries';
import { refetchAfterChange } from '../api/refetch';
import { twoFactorKeys } from './queries';

const webAuthn = () => import('@simplewebauthn/browser');

/** As the library's browserSupportsWebAuthn says, without loading it for the log-in page. */
export const passkeysSupported = (): boolean => typeof window.PublicKeyCredential === 'function';

/** What the browser says when the person closes its passkey prompt (not an error to show). */
export function cancelled(error: unknown): boolean {
  return error instanceof Error && error.name === 'NotAllowedError';
}

export function useAddPasskey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ password, name }: { password: string; name: string }) => {
      const { options } = await api<PasskeyOptions>('/two-factor/passkeys/options', {
        method: 'POST',
        body: { password },
      });
      const { startRegistration } = await webAuthn();
      const credential = await startRegistration({
        optionsJSON: options as unknown as PublicKeyCredentialCreationOptionsJSON,
      });
      return api<PasskeyAdded>('/two-factor/passkeys', { method: 'POST', body: { name, credential } });
    },
    onSuccess: () => {
      void refetchAfterChange(queryClient, twoFactorKeys.all);
    },
  });
}

export function useRemovePasskey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, password }: { id: number; password: string }) =>
      api<void>(`/two-factor/passkeys/${id}`, { method: 'DELETE', body: { password } }),
    onSuccess: () => refetchAfterChange(queryClient, twoFactorKeys.all),
  });
}

/** Log in with a passkey: after the password (the second step), or alone. */
export function usePasskeyLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const { options } = await api<PasskeyOptions>('/sessions/passkey/options', { method: 'POST' });
      const { startAuthentication } = await webAuthn();
      const credential = await startAuthentication({
        optionsJSON: options as unknown as PublicKeyCredentialRequestOptionsJSON,
      });
      return api<User>('/sessions/passkey', { method: 'POST', body: { credential } });
    },
    onSuccess: (user) => switchSession(queryClient, user),
  });
}
