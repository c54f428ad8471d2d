import { QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, setSessionLostHandler } from './api/client';
import { switchSession } from './auth/queries';

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    // The server requires a second factor this person has not set up: the layout asks
    // again, and shows the setup (pages/Layout).
    queryCache: new QueryCache({
      onError: (error) => {
        if (error instanceof ApiError && error.code === 'two_factor_setup_required')
          void client.invalidateQueries({ queryKey: ['two-factor'] });
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      },
    },
  });
  return client;
}

/** The session is gone: forget everything; the layout then sends the user to /login. */
export function forgetSessionWhenLost(queryClient: QueryClient): void {
  setSessionLostHandler(() => switchSession(queryClient, null));
}
