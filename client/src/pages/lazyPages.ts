import { createElement, lazy, useState, type ComponentType } from 'react';
import { useCategoryNames } from '../lib/categories';
import { pagePath, type PagePath } from './pageNames';

/**
 * The pages behind the log-in, each in a script of its own, loaded when first shown: the
 * charts' library comes only with the pages that draw charts. `preload` starts loading a
 * page before React asks for it (the page the app opens on, at once).
 */
export interface LazyPage {
  Component: ComponentType;
  preload: () => Promise<unknown>;
}

// Set while the app reloads itself for a page's script that is gone (see below).
const RELOADED = 'pattern.reloadedForNewVersion';

/**
 * A new version installed since this tab loaded has new script names (a hash of their
 * content) and the old ones are gone: load the new version once, instead of failing.
 */
async function loadOrReload(load: () => Promise<ComponentType>): Promise<ComponentType> {
  try {
    const page = await load();
    sessionStorage.removeItem(RELOADED);
    return page;
  } catch (error) {
    if (sessionStorage.getItem(RELOADED)) throw error;
    sessionStorage.setItem(RELOADED, '1');
    window.location.reload();
    return new Promise<ComponentType>(() => {}); // the page is going away
  }
}

function lazyPage(load: () => Promise<ComponentType>): LazyPage {
  let loading: Promise<ComponentType> | undefined;
  let loaded: ComponentType | undefined;
  const preload = () => (loading ??= loadOrReload(load).then((page) => (loaded = page)));
  const Lazy = lazy(async () => ({ default: await preload() }));
  // Loaded already (preloaded): shown at once. React.lazy would show the fallback first, and
  // then hold the page back for the fallback's minimum time (300 ms).
  function Component() {
    // A new name or colour for a category shows at once on the page, wherever it is named.
    useCategoryNames();
    const [Page] = useState(() => loaded ?? Lazy);
    return createElement(Page);
  }
  return { Component, preload };
}

export const pages = {
  home: lazyPage(() => import('./HomePage').then((m) => m.HomePage)),
  budget: lazyPage(() => import('./BudgetPage').then((m) => m.BudgetPage)),
  transactions: lazyPage(() => import('./TransactionsPage').then((m) => m.TransactionsPage)),
  accounts: lazyPage(() => import('./AccountsPage').then((m) => m.AccountsPage)),
  trends: lazyPage(() => import('./TrendsPage').then((m) => m.TrendsPage)),
  cashFlow: lazyPage(() => import('./CashFlowPage').then((m) => m.CashFlowPage)),
  recurring: lazyPage(() => import('./RecurringPage').then((m) => m.RecurringPage)),
  categories: lazyPage(() => import('./CategoriesPage').then((m) => m.CategoriesPage)),
  settings: lazyPage(() => import('./SettingsPage').then((m) => m.SettingsPage)),
  admin: lazyPage(() => import('./AdminPage').then((m) => m.AdminPage)),
  oauthLink: lazyPage(() => import('./OAuthLinkPage').then((m) => m.OAuthLinkPage)),
  // Someone's money shared with this person (households): its pages are the ones above.
  shared: lazyPage(() => import('../households/SharedLayout').then((m) => m.SharedLayout)),
  householdJoin: lazyPage(() => import('../households/JoinPage').then((m) => m.JoinPage)),
};

const byPath: Record<PagePath, LazyPage> = {
  '/': pages.home,
  '/budget': pages.budget,
  '/transactions': pages.transactions,
  '/accounts': pages.accounts,
  '/trends': pages.trends,
  '/cash-flow': pages.cashFlow,
  '/recurring': pages.recurring,
  '/categories': pages.categories,
  '/settings': pages.settings,
  '/admin': pages.admin,
  '/oauth-link': pages.oauthLink,
};

/** Start loading the page at `pathname` (if it is one of these); settles once loaded. */
export function preloadPage(pathname: string): Promise<unknown> {
  const path = pagePath(pathname);
  return path ? byPath[path].preload() : Promise.resolve();
}
