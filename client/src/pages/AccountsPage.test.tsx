import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Account, DayWorth } from '../api/types';
import { chartRows } from '../net-worth/NetWorthByType';
import { json, stubFetch } from '../test/fetchStub';
import { ALICE, renderApp } from '../test/render';
import { AccountsPage } from './AccountsPage';

const base: Account = {
  id: 1,
  item_id: 10,
  plaid_account_id: 'a1',
  name: 'Plaid Checking',
  mask: '0000',
  official_name: null,
  current_balance: '1000.00',
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
};
const card: Account = {
  ...base,
  id: 2,
  plaid_account_id: 'a2',
  name: 'Plaid Credit Card',
  type: 'credit',
  subtype: 'credit card',
  current_balance: '410.00',
  credit_limit: '2000.00',
  hidden: true,
};

function day(date: string, cash: string, credit: string, net: string): DayWorth {
  return {
    date,
    currency: 'USD',
    cash,
    investments: '0.00',
    assets: '0.00',
    credit,
    loans: '0.00',
    net_worth: net,
    from_snapshot: false,
  };
}

function network() {
  return stubFetch({
    'GET /api/users/1/accounts': json([base, card]),
    'GET /api/users/1/items': json([
      { id: 10, institution_name: 'First Platypus Bank', plaid_institution_id: 'ins_1' },
    ]),
    'GET /api/users/1/net-worth/daily': json([day('2026-12-01', '1050.00', '350.00', '700.00')]),
    'GET /api/users/1/assets': json([]),
    'GET /api/accounts/1/daily-balances': json([
      { date: '2026-11-30', balance: '1050.00', recorded: false },
      { date: '2026-12-01', balance: '1000.00', recorded: true },
    ]),
    'GET /api/accounts/2/daily-balances': json([]),
    'PATCH /api/accounts/1': json({ ...base, display_name: 'Bills' }),
    'PATCH /api/accounts/2': json({ ...card, hidden: false }),
  });
}

describe('AccountsPage', () => {
  it('groups every account, the hidden ones too, with its bank and a credit card explained', async () => {
    const calls = network();
    renderApp(<AccountsPage />, { user: ALICE });
    const cash = await screen.findByTestId('account-group-cash');
    expect(within(cash).getByTestId('account-bank')).toHaveTextContent('First Platypus Bank');
    expect(within(cash).getByTestId('account-transactions')).toHaveAttribute('href', '/transactions?account=1');
    const credit = screen.getByTestId('account-group-credit');
    expect(within(credit).getByTestId('account-balance')).toHaveTextContent(
      'Owed $410.00 of $2,000.00 limit, $1,590.00 available',
    );
    expect(within(credit).getByText('Hidden')).toBeInTheDocument();
    // Its balance chart, from the daily balances (a card with none says so).
    expect(await within(cash).findByTestId('balance-chart')).toBeInTheDocument();
    expect(within(credit).getByText(/fills in as days go by/)).toBeInTheDocument();
    expect(calls.callsTo('GET /api/users/1/accounts')[0].url.searchParams.get('include_hidden')).toBe('true');
  });

  it('renames, shows again and excludes an account', async () => {
    const calls = network();
    renderApp(<AccountsPage />, { user: ALICE });
    const cash = await screen.findByTestId('account-group-cash');
    await userEvent.click(within(cash).getByTestId('account-rename'));
    const input = within(cash).getByTestId('account-rename-input');
    await userEvent.clear(input);
    await userEvent.type(input, 'Bills');
    await userEvent.click(within(cash).getByTestId('account-rename-save'));
    await waitFor(() => expect(calls.callsTo('PATCH /api/accounts/1')).toHaveLength(1));
    expect(calls.callsTo('PATCH /api/accounts/1')[0].body).toEqual({ display_name: 'Bills' });

    await userEvent.click(within(cash).getByTestId('account-in-net-worth'));
    await waitFor(() => expect(calls.callsTo('PATCH /api/accounts/1')).toHaveLength(2));
    expect(calls.callsTo('PATCH /api/accounts/1')[1].body).toEqual({ excluded_from_net_worth: true });

    const credit = screen.getByTestId('account-group-credit');
    await userEvent.click(within(credit).getByTestId('account-hide'));
    await waitFor(() => expect(calls.callsTo('PATCH /api/accounts/2')).toHaveLength(1));
    expect(calls.callsTo('PATCH /api/accounts/2')[0].body).toEqual({ hidden: false });
  });
});

describe('chartRows', () => {
  it('draws what is owed below zero, in the chosen currency only', () => {
    const rows = chartRows(
      [day('2026-12-01', '1050.00', '350.00', '700.00'), { ...day('2026-12-01', '5', '0', '5'), currency: 'EUR' }],
      'USD',
    );
    expect(rows).toEqual([
      { date: '2026-12-01', cash: 1050, investments: 0, assets: 0, credit: -350, loans: 0, net_worth: 700 },
    ]);
  });
});
