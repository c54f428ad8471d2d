import { remembered } from './auth/remembered';
import { pageNames, pagePath } from './pages/pageNames';
import {
  fetchTransactionPage,
  listPageFrom,
  listPagePath,
  type ListPage,
  type TransactionPage,
} from './transactions/listPage';

/**
 * What the opening page needs before anything else: its scripts and, on the transactions
 * page for the person remembered on this browser, its rows. The early start asks for them
 * as soon as its small script runs; the app (src/start.ts) then takes over the same
 * requests instead of making them again.
 */

type Where = Pick<Location, 'pathname' | 'search'>;

/** The list page the opening address shows, when the app can know whose it is already. */
export function openingListPage({ pathname, search }: Where): ListPage | undefined {
  const user = remembered();
  if (!user || pagePath(pathname) !== '/transactions') return undefined;
  return listPageFrom(user.id, new URLSearchParams(search));
}

/** Each page's scripts, by page name, as the build lists them on the early start's tag. */
export const PAGE_SCRIPTS_ATTRIBUTE = 'data-page-scripts';

function preloadPageScripts(pathname: string): void {
  const path = pagePath(pathname);
  const listed = document.querySelector(`script[${PAGE_SCRIPTS_ATTRIBUTE}]`)?.getAttribute(PAGE_SCRIPTS_ATTRIBUTE);
  if (!path || !listed) return; // in development, Vite serves each module itself
  const scripts = (JSON.parse(listed) as Record<string, string[]>)[pageNames[path]] ?? [];
  for (const href of scripts) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.crossOrigin = '';
    link.href = href;
    document.head.append(link);
  }
}

let early: { path: string; rows: Promise<TransactionPage> } | undefined;

export function startEarly(where: Where): void {
  const list = openingListPage(where);
  if (list) {
    const rows = fetchTransactionPage(list);
    rows.catch(() => {}); // the app's query reports a failure, when it takes these rows
    early = { path: listPagePath(list), rows };
  }
  // After the rows: the browser opens only so many connections at once.
  preloadPageScripts(where.pathname);
}

/** The rows the early start asked for, once, if they are this page's. */
export function takeEarlyRows(list: ListPage): Promise<TransactionPage> | undefined {
  if (early?.path !== listPagePath(list)) return undefined;
  const { rows } = early;
  early = undefined;
  return rows;
}
