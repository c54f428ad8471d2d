import { useQuery, type QueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../api/client';
import type { User } from '../api/types';
import { configKeys } from '../config/queries';
import { remember, remembered } from './remembered';

export const authKeys = {
  me: ['me'] as const,
};

/** The logged-in user, or null. */
export async function fetchMe(): Promise<User | null> {
  try {
    const user = await api<User>('/sessions/me');
    remember(user);
    return user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      remember(null);
      return null;
    }
    throw error;
  }
}

export const meQuery = { queryKey: authKeys.me, queryFn: fetchMe, staleTime: Infinity, retry: false } as const;

/** Who is logged in; while asked, the person remembered on this browser (isPlaceholderData). */
export function useMe() {
  return useQuery({ ...meQuery, placeholderData: remembered });
}

/** The logged-in user; only under the authenticated layout. */
export function useCurrentUser(): User {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser outside an authenticated page');
  return data;
}

/**
 * A new (or no) session: set who is logged in, then drop everyone else's cached data.
 * Setting `me` in place (not clear()) keeps mounted observers, so the layout reacts. The
 * config is read again, not removed: removing it would cancel a fetch the login page may be
 * waiting on (after a log-out whose other requests came back 401), and it would wait for
 * ever; and it changes (no setup code is asked once an administrator exists).
 */
export function switchSession(queryClient: QueryClient, user: User | null): void {
  remember(user);
  queryClient.setQueryData(authKeys.me, user);
  const kept = new Set<unknown>([authKeys.me[0], configKeys.all[0]]);
  queryClient.removeQueries({ predicate: (query) => !kept.has(query.queryKey[0]) });
  void queryClient.invalidateQueries({ queryKey: configKeys.all });
}
