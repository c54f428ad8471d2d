import type { QueryClient } from '@tanstack/react-query';
import { meQuery, remembered } from './auth/queries';
import { preloadPage } from './pages/lazyPages';
import { transactionsQuery } from './transactions/queries';
import { filtersFrom, pageFrom, sizeFrom } from './transactions/useTransactionFilters';

/**
 * What the app asks for the moment its script runs, all at once rather than one after the
 * other: who is logged in, the opening page's script, and for the person remembered on this
 * browser, the transactions page's rows (the other pages ask as they render, which they do
 * as that person too: pattern's Layout). Settles when the page's script is here.
 */
export function startLoading(queryClient: QueryClient, { pathname, search }: Location): Promise<unknown> {
  void queryClient.prefetchQuery(meQuery);
  const page = preloadPage(pathname);
  const user = remembered();
  if (!user || pathname.replace(/\/$/, '') !== '/transactions') return page;
  const params = new URLSearchParams(search);
  const rows = queryClient.prefetchQuery(
    transactionsQuery(user.id, filtersFrom(params), pageFrom(params), sizeFrom(params)),
  );
  // Drawn once with its rows, rather than twice, unless they are slow to come.
  return Promise.all([page, Promise.race([rows, delay(RENDER_WAIT_MS)])]);
}

const RENDER_WAIT_MS = 1000;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
