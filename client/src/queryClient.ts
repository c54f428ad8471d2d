import { QueryClient } from '@tanstack/react-query';
import { ApiError, setSessionLostHandler } from './api/client';
import { switchSession } from './auth/queries';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      },
    },
  });
}

/** The session is gone: forget everything; the layout then sends the user to /login. */
export function forgetSessionWhenLost(queryClient: QueryClient): void {
  setSessionLostHandler(() => switchSession(queryClient, null));
}
