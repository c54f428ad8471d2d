import type { Account } from '../api/types';
import { formatMoney } from '../lib/format';

/* How accounts are named, grouped and explained on the accounts page. */

export type GroupKey = 'cash' | 'credit' | 'investments' | 'loans' | 'manual' | 'other';

export const GROUPS: { key: GroupKey; title: string }[] = [
  { key: 'cash', title: 'Cash' },
  { key: 'credit', title: 'Credit cards' },
  { key: 'investments', title: 'Investments' },
  { key: 'loans', title: 'Loans' },
  { key: 'manual', title: 'Manual accounts' },
  { key: 'other', title: 'Other accounts' },
];

const GROUP_OF: Record<string, GroupKey> = {
  depository: 'cash',
  credit: 'credit',
  investment: 'investments',
  brokerage: 'investments',
  loan: 'loans',
};

/** The group an account of Plaid's `type` is shown in. */
export function groupOf(type: string): GroupKey {
  return GROUP_OF[type] ?? 'other';
}

/** The group an account is listed in: the manual ones together, the others by type. */
export function listGroupOf(account: Pick<Account, 'type' | 'manual'>): GroupKey {
  return account.manual ? 'manual' : groupOf(account.type);
}

/** The accounts by group, in the order of GROUPS, empty groups left out. */
export function groupAccounts(accounts: Account[]): { key: GroupKey; title: string; accounts: Account[] }[] {
  return GROUPS.map((group) => ({ ...group, accounts: accounts.filter((a) => listGroupOf(a) === group.key) })).filter(
    (group) => group.accounts.length > 0,
  );
}

/** The person's name for the account, else Plaid's. */
export function accountName(account: Pick<Account, 'name' | 'display_name'>): string {
  return account.display_name ?? account.name;
}

/** An account's currency, for formatting its money. */
export function currencyOf(account: Pick<Account, 'iso_currency_code' | 'unofficial_currency_code'>): string | null {
  return account.iso_currency_code ?? account.unofficial_currency_code;
}

/**
 * A credit card's balance in words, never a bare negative: Plaid's current balance of a card
 * is what is owed (negative when the card was overpaid), its limit the credit granted.
 */
export function creditText(
  account: Pick<
    Account,
    'current_balance' | 'available_balance' | 'credit_limit' | 'iso_currency_code' | 'unofficial_currency_code'
  >,
): string {
  const money = (v: number) => formatMoney(v, currencyOf(account));
  if (account.current_balance === null) return 'Balance not known yet';
  const owed = Number(account.current_balance);
  const limit = account.credit_limit === null ? null : Number(account.credit_limit);
  const available =
    account.available_balance !== null ? Number(account.available_balance) : limit !== null ? limit - owed : null;
  const parts: string[] = [];
  if (owed < 0) parts.push(`${money(-owed)} in your favour (overpaid)`);
  else if (limit !== null) parts.push(`owed ${money(owed)} of ${money(limit)} limit`);
  else parts.push(`owed ${money(owed)}`);
  if (available !== null) parts.push(`${money(Math.max(available, 0))} available`);
  const text = parts.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
