import { describeProblem, isKnownProblem } from '../lib/plaidProblems';

/** What each socket event says to the user. `bank` is the institution's name when known. */

/** An event's payload: snake_case keys, like the API's JSON. */
export interface EventData {
  item_id?: number;
  /** Set on the events of someone else's bank whose accounts are shared with this person. */
  owner_id?: number;
  added?: number;
  modified?: number;
  removed?: number;
  error_code?: string;
  message?: string;
}

/** null: refresh the data without a toast. */
type Describe = (bank: string, data: EventData) => { text: string; kind: 'info' | 'success' | 'error' } | null;

/** A toast says what happened; the bank's card says what to do, with the fix. A problem
 * without words of its own here says Plaid's. */
function problem(code: string, bank: string, message?: string) {
  const { what, todo } = describeProblem(code, bank, message);
  return { text: isKnownProblem(code) ? what : `${what} ${todo}`, kind: 'error' as const };
}

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
  ERROR: (bank, d) => problem(d.error_code ?? 'ITEM_LOGIN_REQUIRED', bank),
  SYNC_ERROR: (bank, d) => problem(d.error_code ?? 'SYNC_FAILED', bank, d.message),
  PENDING_EXPIRATION: (bank) => problem('PENDING_EXPIRATION', bank),
  PENDING_DISCONNECT: (bank) => problem('PENDING_DISCONNECT', bank),
  USER_PERMISSION_REVOKED: (bank) => problem('USER_PERMISSION_REVOKED', bank),
  LOGIN_REPAIRED: (bank) => ({ text: `${bank}: login repaired.`, kind: 'success' }),
  NEW_ACCOUNTS_AVAILABLE: (bank) => ({ text: `${bank} has new accounts you can add.`, kind: 'info' }),
  SYNC_HAPPENED: (bank, d) => ({
    text: `${bank} synced: ${plural(d.added ?? 0, 'new transaction')}.`,
    kind: 'success',
  }),
  SYNC_COMPLETED: () => ({ text: 'All banks synced.', kind: 'success' }),
};
