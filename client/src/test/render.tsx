import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, useLocation, type Location } from 'react-router-dom';
import type { User } from '../api/types';
import { authKeys } from '../auth/queries';
import { ToastProvider } from '../components/toasts';

export const ALICE: User = {
  id: 1,
  username: 'alice',
  is_admin: true,
  created_at: '2024-01-01T00:00:00Z',
  last_login_at: null,
  disabled_at: null,
};

interface Options {
  route?: string;
  /** Logged in as this user (the `me` query already answered); none by default. */
  user?: User;
  queryClient?: QueryClient;
}

export function testQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
}

/** `ui` with what the app gives every page: queries, a router, toasts; and where it is now. */
export function renderApp(ui: ReactNode, { route = '/', user, queryClient = testQueryClient() }: Options = {}) {
  if (user) queryClient.setQueryData(authKeys.me, user);
  const where: { current: Location | null } = { current: null };
  function LocationProbe() {
    where.current = useLocation();
    return null;
  }
  const result = render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[route]}>
        <ToastProvider>
          {ui}
          <LocationProbe />
        </ToastProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return {
    ...result,
    queryClient,
    location: (): Location => {
      if (!where.current) throw new Error('no location yet');
      return where.current;
    },
  };
}
