import { api } from '../api/client';
import type { LinkEvent, LinkToken, SyncReport } from '../api/types';

/** For a new bank; for `itemId` in update mode; with `addAccounts`, to choose accounts to add. */
export function createLinkToken(itemId: number | null, addAccounts = false): Promise<LinkToken> {
  const body = itemId ? { item_id: itemId, ...(addAccounts ? { add_accounts: true } : {}) } : {};
  return api<LinkToken>('/link-token', { method: 'POST', body });
}

/** The person chose accounts to add in Link: the server syncs them in. */
export function addedAccounts(itemId: number): Promise<SyncReport> {
  return api<SyncReport>(`/items/${itemId}/new-accounts`, { method: 'POST' });
}

/** Link fixed the item's login (update mode): the server syncs it now, and a sync that
 * works marks it good (Plaid sends no webhook for a repair made in this app). */
export function loginFixed(itemId: number): Promise<SyncReport> {
  return api<SyncReport>(`/items/${itemId}/login-fixed`, { method: 'POST' });
}

/** Kept for troubleshooting; a failure to record it never bothers the user. */
export function postLinkEvent(event: LinkEvent): void {
  api<void>('/link-event', { method: 'POST', body: event }).catch(() => {});
}

// Only the link token is stored, to resume Link after an OAuth redirect.
const OAUTH_KEY = 'pattern.oauthLink';

export interface StoredLink {
  linkToken: string;
  itemId: number | null;
  addAccounts?: boolean;
}

export function storeLinkForOAuth(link: StoredLink): void {
  localStorage.setItem(OAUTH_KEY, JSON.stringify(link));
}

export function readStoredLink(): StoredLink | null {
  try {
    const raw = localStorage.getItem(OAUTH_KEY);
    return raw ? (JSON.parse(raw) as StoredLink) : null;
  } catch {
    return null;
  }
}

export function clearStoredLink(): void {
  localStorage.removeItem(OAUTH_KEY);
}
