/**
 * Plaid's errors in a person's words: what happened, what to do, and the fix when there is
 * one. Every place that shows a bank's problem (its card, the toasts, a failed request) asks
 * here, so a person never meets an error code alone.
 */

/** The fix one click away: log in again through Link, or sync again. */
export type ProblemFix = { kind: 'login' | 'sync'; label: string } | null;

export interface Problem {
  /** One sentence naming the bank: what happened. */
  what: string;
  /** What to do about it, or that nothing needs doing. */
  todo: string;
  fix: ProblemFix;
  /** The card's badge while the problem lasts. */
  badge: string;
}

type Describe = (bank: string) => Problem;

const TRY_AGAIN: ProblemFix = { kind: 'sync', label: 'Try again' };

const bankNotAnswering: Describe = (bank) => ({
  what: `${bank} isn't answering right now.`,
  todo: "This is on the bank's side and usually passes within hours. Nothing is lost: Pattern syncs again by itself, or you can try now.",
  fix: TRY_AGAIN,
  badge: 'Bank not answering',
});

const tooManyRequests: Describe = (bank) => ({
  what: `Too many requests went to ${bank} in a short time.`,
  todo: 'Wait a minute, then sync again. Nothing is lost.',
  fix: TRY_AGAIN,
  badge: 'Busy',
});

const plaidTrouble: Describe = (bank) => ({
  what: `Plaid, the service that connects ${bank}, is having trouble.`,
  todo: 'Nothing is lost: Pattern syncs again later by itself, or you can try now.',
  fix: TRY_AGAIN,
  badge: 'Plaid trouble',
});

const PROBLEMS: Record<string, Describe> = {
  ITEM_LOGIN_REQUIRED: (bank) => ({
    what: `${bank} needs you to log in again.`,
    todo: 'Your login there changed or expired (a new password, or a security step), so no new transactions arrive until you do.',
    fix: { kind: 'login', label: 'Fix login' },
    badge: 'Needs login',
  }),
  PENDING_EXPIRATION: (bank) => ({
    what: `Your connection to ${bank} expires soon.`,
    todo: 'Log in again before it does to keep your transactions coming. Until then everything still syncs.',
    fix: { kind: 'login', label: 'Renew login' },
    badge: 'Login expiring',
  }),
  PENDING_DISCONNECT: (bank) => ({
    what: `${bank} will disconnect soon.`,
    todo: 'The bank is changing how apps connect to it: log in again to keep syncing. Until then everything still syncs.',
    fix: { kind: 'login', label: 'Renew login' },
    badge: 'Disconnecting soon',
  }),
  USER_PERMISSION_REVOKED: (bank) => ({
    what: `Access to ${bank} was revoked.`,
    todo: 'Access was withdrawn at the bank or at Plaid, so nothing syncs. Reconnect to grant it again; if the bank refuses, remove the bank here and link it again.',
    fix: { kind: 'login', label: 'Reconnect' },
    badge: 'Access revoked',
  }),
  NO_ACCOUNTS: (bank) => ({
    what: `${bank} shares no accounts with Pattern.`,
    todo: 'Reconnect and choose the accounts to share.',
    fix: { kind: 'login', label: 'Reconnect' },
    badge: 'No accounts',
  }),
  ITEM_NOT_FOUND: (bank) => ({
    what: `Plaid no longer knows this connection to ${bank}.`,
    todo: 'Remove the bank here and link it again; your edits to its transactions go with it.',
    fix: null,
    badge: 'Connection gone',
  }),
  PRODUCT_NOT_READY: (bank) => ({
    what: `${bank} is still preparing your transactions.`,
    todo: 'They arrive by themselves within a few minutes; there is nothing to do.',
    fix: null,
    badge: 'Preparing',
  }),
  INSTITUTION_DOWN: bankNotAnswering,
  INSTITUTION_NOT_RESPONDING: bankNotAnswering,
  INSTITUTION_NOT_AVAILABLE: bankNotAnswering,
  RATE_LIMIT_EXCEEDED: tooManyRequests,
  TRANSACTIONS_SYNC_LIMIT: tooManyRequests,
  TRANSACTIONS_LIMIT: tooManyRequests,
  TRANSACTIONS_REFRESH_LIMIT: tooManyRequests,
  ACCOUNTS_LIMIT: tooManyRequests,
  RATE_LIMIT: tooManyRequests,
  INTERNAL_SERVER_ERROR: plaidTrouble,
  PLANNED_MAINTENANCE: plaidTrouble,
  PLAID_UNREACHABLE: plaidTrouble,
  UNEXPECTED_RESPONSE: plaidTrouble,
  // Not Plaid's: the server's own pass failed (its database was away, say).
  SYNC_FAILED: (bank) => ({
    what: `Syncing ${bank} failed on this server.`,
    todo: 'Nothing is lost: Pattern tries again by itself. If it keeps failing, the server log says why.',
    fix: TRY_AGAIN,
    badge: 'Sync failed',
  }),
};

/** A bank's problem from Plaid's error code; `message` is Plaid's own words, if any. */
export function describeProblem(code: string, bank: string, message?: string | null): Problem {
  const known = PROBLEMS[code];
  if (known) return known(bank);
  return {
    what: `Syncing ${bank} failed.`,
    todo: message
      ? `Plaid said: “${message}” (${code}). Try again later.`
      : `Plaid gave no reason (${code}). Try again later.`,
    fix: TRY_AGAIN,
    badge: 'Sync failed',
  };
}

/** Whether Plaid's `code` has words of its own here (an error code the server got from Plaid). */
export function isKnownProblem(code: string): boolean {
  return code in PROBLEMS;
}
