import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Account } from '../api/types';
import { AccountsPage } from '../pages/AccountsPage';
import { TransactionsPage } from '../pages/TransactionsPage';
import { json, stubFetch } from '../test/fetchStub';
import { ALICE, renderApp } from '../test/render';
import { aTransaction } from '../test/transactions';

const WALLET: Account = {
  id: 3,
  item_id: 99,
  plaid_account_id: 'manual-account-1',
  name: 'Wallet',
  mask: null,
  official_name: null,
  current_balance: '100.00',
  available_balance: null,
  credit_limit: null,
  iso_currency_code: 'USD',
  unofficial_currency_code: null,
  type: 'depository',
  subtype: 'cash',
  display_name: null,
  hidden: false,
  excluded_from_net_worth: false,
  manual: true,
};
const SPENT = aTransaction({
  id: 8,
  account_id: 3,
  item_id: 99,
  account_name: 'Wallet',
  plaid_transaction_id: 'manual-transaction-1',
  name: 'Farmers market',
  merchant_name: null,
  display_name: 'Farmers market',
  original_name: 'Farmers market',
  amount: '12.50',
});

function server() {
  return stubFetch({
    'GET /api/users/1/accounts': () => json([WALLET]),
    'GET /api/users/1/items': () => json([]),
    'GET /api/users/1/net-worth/daily': () => json([]),
    'GET /api/users/1/assets': () => json([]),
    'GET /api/users/1/categories': () => json([{ category: 'FOOD_AND_DRINK', subcategories: [] }]),
    'GET /api/accounts/3/daily-balances': () => json([]),
    'GET /api/users/1/transactions': () => json([SPENT], 200, { 'X-Total-Count': '1' }),
    'POST /api/users/1/manual-accounts': (call) => json({ ...WALLET, ...(call.body as object) }, 201),
    'POST /api/accounts/3/transactions': (call) => json({ ...SPENT, ...(call.body as object) }, 201),
    'PATCH /api/transactions/8': (call) => json({ ...SPENT, ...(call.body as object) }),
    'DELETE /api/transactions/8': { status: 204 },
    'PATCH /api/accounts/3': (call) => json({ ...WALLET, ...(call.body as object) }),
  });
}

afterEach(() => vi.restoreAllMocks());

describe('manual accounts', () => {
  it('are made from the accounts page, listed together with “Manual” as their bank', async () => {
    const api = server();
    const user = userEvent.setup();
    renderApp(<AccountsPage />, { user: ALICE });
    const group = await screen.findByTestId('account-group-manual');
    expect(within(group).getByTestId('account-bank')).toHaveTextContent('Manual · cash');

    await user.click(screen.getByTestId('add-manual-account'));
    const dialog = screen.getByTestId('manual-account-dialog');
    await user.type(within(dialog).getByTestId('manual-account-name'), 'Store card');
    await user.selectOptions(within(dialog).getByTestId('manual-account-type'), 'credit');
    await user.clear(within(dialog).getByTestId('manual-account-subtype'));
    const balance = within(dialog).getByTestId('manual-account-balance');
    await user.clear(balance);
    await user.type(balance, '40.5{Enter}');
    await waitFor(() => expect(api.callsTo('POST /api/users/1/manual-accounts')).toHaveLength(1));
    expect(api.callsTo('POST /api/users/1/manual-accounts')[0].body).toEqual({
      name: 'Store card',
      type: 'credit',
      subtype: null,
      iso_currency_code: 'USD',
      current_balance: '40.50',
    });
  });

  it('take a transaction typed as seen: money out is Plaid’s positive', async () => {
    const api = server();
    const user = userEvent.setup();
    renderApp(<AccountsPage />, { user: ALICE });
    const group = await screen.findByTestId('account-group-manual');
    await user.click(within(group).getByTestId('manual-add-transaction'));
    const dialog = screen.getByTestId('manual-tx-dialog');
    await user.type(within(dialog).getByTestId('manual-tx-name'), 'Bus');
    await user.type(within(dialog).getByTestId('manual-tx-amount'), '2.505');
    await user.click(within(dialog).getByTestId('manual-tx-save'));
    expect(within(dialog).getByText(/at most two decimals/)).toBeInTheDocument();
    expect(api.callsTo('POST /api/accounts/3/transactions')).toHaveLength(0);

    await user.clear(within(dialog).getByTestId('manual-tx-amount'));
    await user.type(within(dialog).getByTestId('manual-tx-amount'), '20');
    await user.selectOptions(within(dialog).getByTestId('manual-tx-direction'), 'in');
    await user.type(within(dialog).getByTestId('manual-tx-category'), 'INCOME');
    await user.click(within(dialog).getByTestId('manual-tx-save'));
    await waitFor(() => expect(api.callsTo('POST /api/accounts/3/transactions')).toHaveLength(1));
    expect(api.callsTo('POST /api/accounts/3/transactions')[0].body).toMatchObject({
      name: 'Bus',
      amount: '-20.00',
      category: 'INCOME',
      subcategory: null,
      tags: [],
    });
  });

  it('change a transaction’s amount and delete it from the edit dialog', async () => {
    const api = server();
    const user = userEvent.setup();
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    renderApp(<TransactionsPage />, { route: '/transactions', user: ALICE });
    await user.click(await screen.findByTestId('tx-row'));
    const dialog = screen.getByTestId('tx-edit-dialog');
    const amount = await within(dialog).findByTestId('manual-tx-amount');
    expect(amount).toHaveValue('12.50');
    await user.clear(amount);
    await user.type(amount, '15');
    await user.click(within(dialog).getByTestId('tx-edit-save'));
    await waitFor(() => expect(api.callsTo('PATCH /api/transactions/8')).toHaveLength(1));
    expect(api.callsTo('PATCH /api/transactions/8')[0].body).toEqual({ amount: '15.00' });

    await user.click(await screen.findByTestId('tx-row'));
    await user.click(within(screen.getByTestId('tx-edit-dialog')).getByTestId('tx-edit-delete'));
    await waitFor(() => expect(api.callsTo('DELETE /api/transactions/8')).toHaveLength(1));
  });
});
