import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { TransactionsPage } from '../pages/TransactionsPage';
import { json, stubFetch } from '../test/fetchStub';
import { ALICE, renderApp } from '../test/render';
import { aTransaction } from '../test/transactions';

const WALMART = aTransaction({
  id: 1,
  account_id: 5,
  item_id: 7,
  account_name: 'Checking',
  plaid_transaction_id: 'tx1',
  pending_transaction_id: null,
  name: 'WM SUPERCENTER #1234',
  display_name: 'Walmart',
  merchant_name: 'Walmart',
  merchant_entity_id: 'm1',
  website: 'walmart.com',
  counterparties: [
    { name: 'Walmart', type: 'merchant', website: 'walmart.com', entity_id: 'm1', confidence_level: 'VERY_HIGH' },
  ],
  has_logo: true,
  logo: '/api/transactions/1/logo',
  amount: '54.10',
  iso_currency_code: 'USD',
  unofficial_currency_code: null,
  date: '2024-01-05',
  authorized_date: null,
  pending: false,
  category: 'GENERAL_MERCHANDISE',
  subcategory: 'GENERAL_MERCHANDISE_SUPERSTORES',
  personal_finance_confidence: 'VERY_HIGH',
  plaid_category_id: '19047000',
  legacy_categories: ['Shops', 'Supermarkets and Groceries'],
  type: 'in store',
  original_name: 'WM SUPERCENTER #1234',
  original_category: 'GENERAL_MERCHANDISE',
  original_subcategory: 'GENERAL_MERCHANDISE_SUPERSTORES',
  manually_updated: false,
  hidden: false,
  note: null,
  tags: [],
});
const ZELLE = {
  ...WALMART,
  id: 2,
  name: 'ONLINE PMT ZELLE TO OAKWOOD APTS',
  display_name: 'ONLINE PMT ZELLE TO OAKWOOD APTS',
  original_name: 'ONLINE PMT ZELLE TO OAKWOOD APTS',
  merchant_name: null,
  website: null,
  counterparties: [],
  has_logo: false,
  logo: null,
  category: 'RENT_AND_UTILITIES',
  subcategory: 'RENT_AND_UTILITIES_RENT',
};

function server() {
  return stubFetch({
    'GET /api/users/1/transactions': () => json([WALMART, ZELLE], 200, { 'X-Total-Count': '2' }),
    'GET /api/users/1/accounts': json([{ id: 5, name: 'Checking', mask: '0000' }]),
    'GET /api/users/1/categories': json([
      { category: 'GENERAL_MERCHANDISE', subcategories: ['GENERAL_MERCHANDISE_SUPERSTORES'] },
    ]),
  });
}

describe('merchants in the transactions list', () => {
  it('shows the clean name with its logo, the bank’s string a hover or a click away', async () => {
    server();
    const user = userEvent.setup();
    renderApp(<TransactionsPage />, { route: '/transactions', user: ALICE });
    const [walmart, zelle] = await screen.findAllByTestId('tx-row');

    const name = within(walmart).getByTestId('tx-name');
    expect(name.textContent).toContain('Walmart');
    expect(name.textContent).not.toContain('WM SUPERCENTER');
    expect(name.title).toBe('Bank’s description: WM SUPERCENTER #1234');
    // The logo comes from this server, never from Plaid's host.
    expect(within(walmart).getByRole('presentation').getAttribute('src')).toBe('/api/transactions/1/logo');
    expect(walmart.textContent).toContain('General merchandise');
    expect(walmart.textContent).toContain('Superstores');

    // Without a merchant: the bank's string, no logo, no hover text.
    const plain = within(zelle).getByTestId('tx-name');
    expect(plain.textContent).toContain('ONLINE PMT ZELLE TO OAKWOOD APTS');
    expect(plain.title).toBe('');
    expect(zelle.querySelector('img')).toBeNull();
    expect(zelle.textContent).toContain('Rent and utilities');

    await user.click(walmart);
    const dialog = await screen.findByTestId('tx-edit-bank-name');
    expect(dialog.textContent).toContain('WM SUPERCENTER #1234');
    expect(dialog.textContent).toContain('walmart.com');
  });

  it('names the categories in the filter as people read them', async () => {
    server();
    renderApp(<TransactionsPage />, { route: '/transactions', user: ALICE });
    const select = await screen.findByTestId('tx-category');
    await screen.findAllByTestId('tx-row');
    const labels = Array.from(select.querySelectorAll('option')).map((o) => [
      o.value.split('\u001f').at(-1),
      o.textContent,
    ]);
    expect(labels).toContainEqual(['GENERAL_MERCHANDISE_SUPERSTORES', 'Superstores']);
  });
});
