import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Account, Transaction } from '../api/types';
import { formatMoney, formatTransactionAmount } from '../lib/format';
import { stubFetch } from '../test/fetchStub';
import { renderApp } from '../test/render';
import { TransactionTable } from '../transactions/TransactionTable';
import { AccountList } from './AccountList';

// Intl's no-break spaces, as plain ones (toHaveTextContent normalizes what it reads, not what it expects).
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

function account(overrides: Partial<Account>): Account {
  return {
    id: 1,
    item_id: 7,
    plaid_account_id: 'acc',
    name: 'Checking',
    mask: '0000',
    official_name: null,
    current_balance: '100',
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

describe('AccountList', () => {
  it("shows each balance in its account's currency", async () => {
    stubFetch({
      'GET /api/items/7/accounts': {
        body: [
          account({
            id: 1,
            name: 'Girokonto',
            current_balance: '1234.5',
            available_balance: '1000',
            iso_currency_code: 'EUR',
          }),
          account({
            id: 2,
            name: 'Wallet',
            current_balance: '2',
            iso_currency_code: null,
            unofficial_currency_code: 'BTC',
          }),
        ],
      },
    });
    renderApp(<AccountList itemId={7} />);
    const rows = await screen.findAllByTestId('account-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent(plain(formatMoney('1234.5', 'EUR')));
    expect(rows[0]).toHaveTextContent(plain(`${formatMoney('1000', 'EUR')} available`));
    expect(rows[1]).toHaveTextContent(plain(formatMoney('2', 'BTC')));
  });

  it('says when an item has no accounts yet', async () => {
    stubFetch({ 'GET /api/items/7/accounts': { body: [] } });
    renderApp(<AccountList itemId={7} />);
    expect(await screen.findByText('No accounts yet.')).toBeInTheDocument();
  });
});

describe('TransactionTable', () => {
  it("signs amounts Plaid's way, in the transaction's currency", () => {
    const base = {
      account_id: 1,
      item_id: 7,
      account_name: 'Checking',
      merchant_name: null,
      unofficial_currency_code: null,
      date: '2024-01-05',
      pending: false,
      category: null,
      subcategory: null,
      display_name: null,
      logo: null,
      original_name: null,
      original_category: null,
      original_subcategory: null,
      manually_updated: false,
      hidden: false,
      note: null,
      tags: [],
      splits: [],
    };
    const rows = [
      { ...base, id: 1, name: 'Coffee', amount: '4.5', iso_currency_code: 'EUR' },
      { ...base, id: 2, name: 'Salary', amount: '-2000', iso_currency_code: 'USD' },
    ] as unknown as Transaction[];
    renderApp(<TransactionTable rows={rows} filters={{}} onSort={() => {}} onEdit={() => {}} onTag={() => {}} />);
    const amounts = screen.getAllByTestId('tx-amount');
    expect(amounts[0]).toHaveTextContent(plain(formatTransactionAmount('4.5', 'EUR').text));
    expect(amounts[0].textContent?.startsWith('−')).toBe(true);
    expect(amounts[0]).toHaveClass('amount-out');
    expect(amounts[1]).toHaveTextContent(plain(formatTransactionAmount('-2000', 'USD').text));
    expect(amounts[1].textContent?.startsWith('+')).toBe(true);
    expect(amounts[1]).toHaveClass('amount-in');
  });
});
