/** What each socket event says to the user. `bank` is the institution's name when known. */

export interface EventData {
  itemId?: number;
  item_id?: number;
  added?: number;
  modified?: number;
  removed?: number;
  errorCode?: string;
  message?: string;
}

/** null: refresh the data without a toast. */
type Describe = (bank: string, data: EventData) => { text: string; kind: 'info' | 'success' | 'error' } | null;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export const EVENT_TEXT: Record<string, Describe> = {
  NEW_TRANSACTIONS_DATA: (bank, d) => {
    const parts = [
      d.added ? `${plural(d.added, 'new transaction')}` : '',
      d.modified ? `${d.modified} updated` : '',
      d.removed ? `${d.removed} removed` : '',
    ].filter(Boolean);
    return parts.length ? { text: `${bank}: ${parts.join(', ')}.`, kind: 'success' } : null;
  },
  SYNC_UPDATES_AVAILABLE: (bank) => ({ text: `${bank} has new data; syncing…`, kind: 'info' }),
  // The bank's history loading: its card shows how far (no toast).
  SYNC_PROGRESS: () => null,
  ERROR: (bank) => ({ text: `${bank} needs you to log in again.`, kind: 'error' }),
  SYNC_ERROR: (bank, d) => ({
    text: `Syncing ${bank} failed${d.errorCode ? ` (${d.errorCode})` : ''}.`,
    kind: 'error',
  }),
  PENDING_EXPIRATION: (bank) => ({ text: `${bank}: your login expires soon; fix it to keep syncing.`, kind: 'error' }),
  PENDING_DISCONNECT: (bank) => ({
    text: `${bank} will disconnect soon; fix the login to keep syncing.`,
    kind: 'error',
  }),
  USER_PERMISSION_REVOKED: (bank) => ({ text: `Access to ${bank} was revoked.`, kind: 'error' }),
  LOGIN_REPAIRED: (bank) => ({ text: `${bank}: login repaired.`, kind: 'success' }),
  NEW_ACCOUNTS_AVAILABLE: (bank) => ({ text: `${bank} has new accounts you can add.`, kind: 'info' }),
  SYNC_HAPPENED: (bank, d) => ({
    text: `${bank} synced: ${plural(d.added ?? 0, 'new transaction')}.`,
    kind: 'success',
  }),
  SYNC_COMPLETED: () => ({ text: 'All banks synced.', kind: 'success' }),
};
