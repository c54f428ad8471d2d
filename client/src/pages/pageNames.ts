/**
 * Each page's module, by the address the page is shown at. Free of React: the early start
 * (src/firstLoad.ts) finds the opening page's scripts by this name in the list the build
 * gives it (vite.config.ts), and the app's own table (pages/lazyPages.ts) has the same
 * addresses.
 */
export const pageNames = {
  '/': 'HomePage',
  '/budget': 'BudgetPage',
  '/transactions': 'TransactionsPage',
  '/accounts': 'AccountsPage',
  '/trends': 'TrendsPage',
  '/cash-flow': 'CashFlowPage',
  '/recurring': 'RecurringPage',
  '/categories': 'CategoriesPage',
  '/settings': 'SettingsPage',
  '/admin': 'AdminPage',
  '/oauth-link': 'OAuthLinkPage',
} as const;

export type PagePath = keyof typeof pageNames;

/** The page address a location's path names, if it is one of the pages (a trailing / or not). */
export function pagePath(pathname: string): PagePath | undefined {
  const path = pathname.replace(/(.)\/$/, '$1');
  return path in pageNames ? (path as PagePath) : undefined;
}
