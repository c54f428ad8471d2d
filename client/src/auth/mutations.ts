import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Credentials, SignUp, User } from '../api/types';
import { switchSession } from './queries';

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Credentials) => api<User>('/sessions', { method: 'POST', body }),
    onSuccess: (user) => {
      switchSession(queryClient, user);
    },
  });
}

/** Sign up (with the setup code or an invite's code when needed), then log in. */
export function useSignup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: SignUp) => {
      await api<User>('/users', { method: 'POST', body });
      return api<User>('/sessions', { method: 'POST', body: { username: body.username, password: body.password } });
    },
    onSuccess: (user) => {
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
