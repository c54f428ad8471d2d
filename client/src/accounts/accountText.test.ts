import { describe, expect, it } from 'vitest';
import type { Account } from '../api/types';
import { accountName, creditText, groupAccounts, groupOf } from './accountText';

function account(overrides: Partial<Account>): Account {
  return {
    id: 1,
    item_id: 1,
    plaid_account_id: 'a',
    name: 'Plaid Checking',
    mask: '0000',
    official_name: null,
    current_balance: '100.00',
    available_balance: null,
    credit_limit: null,
    iso_currency_code: 'USD',
    unofficial_currency_code: null,
    type: 'depository',
    subtype: 'checking',
    display_name: null,
    hidden: false,
    excluded_from_net_worth: false,
    manual: false,
    ...overrides,
  };
}

describe('creditText', () => {
  it('explains what is owed, the limit and what is left', () => {
    const card = account({ type: 'credit', current_balance: '410.00', credit_limit: '2000.00' });
    expect(creditText(card)).toBe('Owed $410.00 of $2,000.00 limit, $1,590.00 available');
  });

  it("takes the bank's available credit when it gives one", () => {
    const card = account({
      type: 'credit',
      current_balance: '410.00',
      available_balance: '1500.00',
      credit_limit: '2000.00',
    });
    expect(creditText(card)).toBe('Owed $410.00 of $2,000.00 limit, $1,500.00 available');
  });

  it('says an overpaid card is in your favour, never a bare negative', () => {
    const card = account({ type: 'credit', current_balance: '-25.50', credit_limit: '1000.00' });
    const text = creditText(card);
    expect(text).toBe('$25.50 in your favour (overpaid), $1,025.50 available');
    expect(text).not.toMatch(/-|−/);
  });

  it('has words for a card with no limit or no balance', () => {
    expect(creditText(account({ type: 'credit', current_balance: '12.00' }))).toBe('Owed $12.00');
    expect(creditText(account({ type: 'credit', current_balance: null }))).toBe('Balance not known yet');
  });
});

describe('groupAccounts', () => {
  it('groups by type in a fixed order and leaves empty groups out', () => {
    const groups = groupAccounts([
      account({ id: 1, type: 'loan' }),
      account({ id: 2, type: 'credit' }),
      account({ id: 3, type: 'depository' }),
      account({ id: 4, type: 'brokerage' }),
      account({ id: 5, type: 'depository' }),
    ]);
    expect(groups.map((g) => [g.key, g.accounts.map((a) => a.id)])).toEqual([
      ['cash', [3, 5]],
      ['credit', [2]],
      ['investments', [4]],
      ['loans', [1]],
    ]);
  });

  it('puts a type it does not know with the others', () => {
    expect(groupOf('other')).toBe('other');
    expect(groupOf('mystery')).toBe('other');
    expect(groupOf('investment')).toBe('investments');
  });
});

describe('accountName', () => {
  it("is the person's name when they gave one, else Plaid's", () => {
    expect(accountName(account({ display_name: 'Bills' }))).toBe('Bills');
    expect(accountName(account({}))).toBe('Plaid Checking');
  });
});
