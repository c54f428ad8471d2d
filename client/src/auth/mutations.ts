import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Credentials, SecondFactorNeeded, SignUp, User } from '../api/types';
import { SSO_LOGIN_URL } from '../sso/ssoErrors';
import { switchSession } from './queries';

/** The password step: the user, or (202) the second factors that complete the log-in. */
export type LoginAnswer = User | SecondFactorNeeded;

export function needsSecondFactor(answer: LoginAnswer): answer is SecondFactorNeeded {
  return 'second_factor_required' in answer;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Credentials) => api<LoginAnswer>('/sessions', { method: 'POST', body }),
    onSuccess: (answer) => {
      if (!needsSecondFactor(answer)) switchSession(queryClient, answer);
    },
  });
}

export interface SecondFactor {
  code?: string;
  recovery_code?: string;
}

/** The log-in's second step: a code of the authenticator app, or a recovery code. */
export function useSecondFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SecondFactor) => api<User>('/sessions/two-factor', { method: 'POST', body }),
    onSuccess: (user) => {
      switchSession(queryClient, user);
    },
  });
}

/** Sign up (with the setup code or an invite's code when needed), then log in. */
/** Sign up, then log in: with the password, or (when this server allows single sign-on
 * only) through the provider, whose account of the same name the new one becomes. */
export function useSignup({ passwordLogin = true }: { passwordLogin?: boolean } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: SignUp) => {
      const made = await api<User>('/users', { method: 'POST', body });
      if (!passwordLogin) return made;
      return api<User>('/sessions', { method: 'POST', body: { username: body.username, password: body.password } });
    },
    onSuccess: (user) => {
      if (!passwordLogin) {
        window.location.assign(SSO_LOGIN_URL);
        return;
      }
      switchSession(queryClient, user);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/sessions', { method: 'DELETE' }),
    onSettled: () => {
      switchSession(queryClient, null);
    },
  });
}
