import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { TransactionsPage } from '../pages/TransactionsPage';
import { json, stubFetch } from '../test/fetchStub';
import { ALICE, renderApp } from '../test/render';
import { aTransaction } from '../test/transactions';

const BASE = aTransaction({
  item_id: 7,
  pending_transaction_id: null,
  merchant_name: null,
  merchant_entity_id: null,
  website: null,
  counterparties: [],
  has_logo: false,
  logo: null,
  iso_currency_code: 'USD',
  unofficial_currency_code: null,
  date: '2024-01-05',
  authorized_date: null,
  pending: false,
  subcategory: null,
  personal_finance_confidence: null,
  plaid_category_id: null,
  legacy_categories: [],
  type: 'special',
  original_category: null,
  original_subcategory: null,
  manually_updated: false,
  hidden: false,
  note: null,
  tags: [],
  transfer: null,
});
const TO_SAVINGS = {
  ...BASE,
  id: 1,
  account_id: 5,
  account_name: 'Checking',
  plaid_transaction_id: 'tx1',
  name: 'ONLINE TRANSFER TO SAV',
  display_name: 'ONLINE TRANSFER TO SAV',
  original_name: 'ONLINE TRANSFER TO SAV',
  amount: '250.00',
  category: 'TRANSFER_OUT',
  transfer: { id: 9, status: 'auto', other_transaction_id: 2, other_account_id: 6, other_account_name: 'Savings' },
};
const CARD_PAYMENT = {
  ...BASE,
  id: 3,
  account_id: 5,
  account_name: 'Checking',
  plaid_transaction_id: 'tx3',
  name: 'PAYMENT TO CARD',
  display_name: 'PAYMENT TO CARD',
  original_name: 'PAYMENT TO CARD',
  amount: '120.00',
  category: 'LOAN_PAYMENTS',
};
const CANDIDATE = {
  id: 4,
  name: 'AUTOPAY THANK YOU',
  amount: '-120.00',
  iso_currency_code: 'USD',
  date: '2024-01-06',
  account_id: 8,
  account_name: 'Card',
  institution_name: 'First Bank',
};

function server() {
  return stubFetch({
    'GET /api/users/1/transactions': () => json([TO_SAVINGS, CARD_PAYMENT], 200, { 'X-Total-Count': '2' }),
    'GET /api/users/1/accounts': json([{ id: 5, name: 'Checking', mask: '0000' }]),
    'GET /api/users/1/categories': json([]),
    'POST /api/transfers/9/confirm': json({}),
    'DELETE /api/transfers/9': json(null, 204),
    'GET /api/transactions/3/transfer-candidates': json([CANDIDATE]),
    'POST /api/users/1/transfers': json({}, 201),
  });
}

describe('transfers in the transactions list', () => {
  it('marks a paired row, and the dialog confirms or unmatches it', async () => {
    const stub = server();
    const user = userEvent.setup();
    renderApp(<TransactionsPage />, { route: '/transactions', user: ALICE });
    const [paired, payment] = await screen.findAllByTestId('tx-row');
    expect(within(paired).getByTestId('tx-transfer-badge').title).toContain('To Savings');
    expect(within(payment).queryByTestId('tx-transfer-badge')).toBeNull();

    await user.click(paired);
    const section = await screen.findByTestId('tx-transfer');
    expect(section.textContent).toContain('to Savings');
    expect(section.textContent).toContain('found by Pattern');
    await user.click(within(section).getByTestId('tx-transfer-confirm'));
    expect(stub.callsTo('POST /api/transfers/9/confirm')).toHaveLength(1);

    await user.click((await screen.findAllByTestId('tx-row'))[0]);
    await user.click(await screen.findByTestId('tx-transfer-unmatch'));
    expect(stub.callsTo('DELETE /api/transfers/9')).toHaveLength(1);
  });

  it('matches a row by hand with a candidate from another account', async () => {
    const stub = server();
    const user = userEvent.setup();
    renderApp(<TransactionsPage />, { route: '/transactions', user: ALICE });
    const [, payment] = await screen.findAllByTestId('tx-row');
    await user.click(payment);
    expect(stub.callsTo('GET /api/transactions/3/transfer-candidates')).toHaveLength(0);
    await user.click(await screen.findByTestId('tx-transfer-open'));
    const candidate = await screen.findByTestId('tx-transfer-candidate');
    expect(candidate.textContent).toContain('AUTOPAY THANK YOU');
    expect(candidate.textContent).toContain('Card');
    await user.click(candidate);
    const [made] = stub.callsTo('POST /api/users/1/transfers');
    expect(made?.body).toEqual({ transaction_ids: [3, 4] });
  });
});
