import { useQuery, type QueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../api/client';
import type { User } from '../api/types';

export const authKeys = {
  me: ['me'] as const,
};

/** The logged-in user, or null. */
export async function fetchMe(): Promise<User | null> {
  try {
    return await api<User>('/sessions/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: authKeys.me, queryFn: fetchMe, staleTime: Infinity, retry: false });
}

/** The logged-in user; only under the authenticated layout. */
export function useCurrentUser(): User {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser outside an authenticated page');
  return data;
}

/**
 * A new (or no) session: set who is logged in, then drop everyone else's cached data.
 * Setting `me` in place (not clear()) keeps mounted observers, so the layout reacts.
 */
export function switchSession(queryClient: QueryClient, user: User | null): void {
  queryClient.setQueryData(authKeys.me, user);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== authKeys.me[0] });
}
