/** One page in the app's navigation. */
export interface NavItem {
  to: string;
  label: string;
  /** The icon's name (navIcons.tsx) and the test id's tail: nav-<key>. */
  key: string;
}

/** How many pages the phone's bottom bar shows before "More" holds the rest: five places
 * of at least 64 px fit in 320 px. */
export const BOTTOM_BAR_PLACES = 5;

/** The pages, in the top bar's order. */
export function navItems(isAdmin: boolean): NavItem[] {
  const items: NavItem[] = [
    { to: '/', label: 'Home', key: 'home' },
    { to: '/budget', label: 'Budget', key: 'budget' },
    { to: '/transactions', label: 'Transactions', key: 'transactions' },
    { to: '/accounts', label: 'Accounts', key: 'accounts' },
    { to: '/trends', label: 'Trends', key: 'trends' },
    { to: '/cash-flow', label: 'Cash flow', key: 'cash-flow' },
    { to: '/recurring', label: 'Recurring', key: 'recurring' },
    { to: '/categories', label: 'Categories', key: 'categories' },
    { to: '/settings', label: 'Settings', key: 'settings' },
  ];
  if (isAdmin) items.push({ to: '/admin', label: 'Admin', key: 'admin' });
  return items;
}

/** The phone's bottom bar: the first pages in their places and, under "More", the rest
 * (none when all fit). Places stay put: a page under "More" marks "More" as current. */
export function splitForBottomBar(items: NavItem[]): { shown: NavItem[]; more: NavItem[] } {
  if (items.length <= BOTTOM_BAR_PLACES) return { shown: items, more: [] };
  const places = BOTTOM_BAR_PLACES - 1; // the last is "More"
  return { shown: items.slice(0, places), more: items.slice(places) };
}

const SHARED_LABELS: Record<string, string> = {
  '/': 'Home',
  '/budget': 'Budget',
  '/transactions': 'Transactions',
  '/accounts': 'Accounts',
  '/trends': 'Trends',
};

/** The pages of someone's shared money: only what the share lets one see (households). */
export function sharedNavItems(base: string, pages: string[]): NavItem[] {
  return pages.map((page) =>
    page === '/'
      ? { to: base, label: SHARED_LABELS[page], key: 'home' }
      : { to: `${base}${page}`, label: SHARED_LABELS[page], key: page.slice(1) },
  );
}
