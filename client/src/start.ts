import type { QueryClient } from '@tanstack/react-query';
import { meQuery } from './auth/queries';
import { openingListPage, takeEarlyRows } from './firstLoad';
import { preloadPage } from './pages/lazyPages';
import { transactionsQuery } from './transactions/queries';

/**
 * What the app asks for the moment its script runs, all at once rather than one after the
 * other: who is logged in, the opening page's script, and for the person remembered on this
 * browser, the transactions page's rows (the other pages ask as they render, which they do
 * as that person too: pattern's Layout). The early start (src/early.ts) may have asked for
 * the script and rows already: those requests are taken over, not made twice. Settles when
 * the page's script is here.
 */
export function startLoading(queryClient: QueryClient, where: Location): Promise<unknown> {
  void queryClient.prefetchQuery(meQuery);
  const page = preloadPage(where.pathname);
  const list = openingListPage(where);
  if (!list) return page;
  const query = transactionsQuery(list.userId, list.filters, list.page, list.size);
  const early = takeEarlyRows(list);
  const rows = queryClient.prefetchQuery(early ? { ...query, queryFn: () => early } : query);
  // Drawn once with its rows, rather than twice, unless they are slow to come.
  return Promise.all([page, Promise.race([rows, delay(RENDER_WAIT_MS)])]);
}

const RENDER_WAIT_MS = 1000;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
