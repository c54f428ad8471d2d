import type { Account } from '../api/types';

export interface BankAccounts {
  itemId: number;
  bank: string;
  accounts: Account[];
}

/** The person's accounts by bank, in the order their banks first appear. */
export function byBank(accounts: Account[], banks: ReadonlyMap<number, string>): BankAccounts[] {
  const groups = new Map<number, BankAccounts>();
  for (const account of accounts) {
    const group = groups.get(account.item_id) ?? {
      itemId: account.item_id,
      bank: banks.get(account.item_id) ?? 'Bank',
      accounts: [],
    };
    group.accounts.push(account);
    groups.set(account.item_id, group);
  }
  return [...groups.values()];
}

/** The ids with `ids` added (on) or taken out (off). */
export function toggled(chosen: ReadonlySet<number>, ids: number[], on: boolean): Set<number> {
  const next = new Set(chosen);
  for (const id of ids) {
    if (on) next.add(id);
    else next.delete(id);
  }
  return next;
}
