import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { TransactionsPage } from '../pages/TransactionsPage';
import { json, stubFetch, type Call } from '../test/fetchStub';
import { ALICE, renderApp } from '../test/render';
import { aTransaction } from '../test/transactions';

const TX = aTransaction();

function server() {
  return stubFetch({
    'GET /api/users/1/transactions': () => json([TX], 200, { 'X-Total-Count': '120' }),
    'GET /api/users/1/accounts': json([
      { id: 5, item_id: 7, name: 'Plaid Checking', mask: '0000' },
      { id: 6, item_id: 8, name: 'Plaid Checking', mask: '0000' },
    ]),
    'GET /api/users/1/items': json([
      { id: 7, institution_name: 'First Platypus Bank', plaid_institution_id: 'ins_109508' },
      { id: 8, institution_name: 'Tartan Bank', plaid_institution_id: 'ins_109511' },
    ]),
    'GET /api/users/1/categories': json([]),
  });
}

const lastList = (calls: Call[]) =>
  calls.filter((c) => c.path === '/api/users/1/transactions').at(-1)!.url.searchParams;

describe('the transactions list controls', () => {
  it('chooses rows per page and jumps to a page, in the URL and the request', async () => {
    const api = server();
    const user = userEvent.setup();
    const app = renderApp(<TransactionsPage />, { route: '/transactions', user: ALICE });
    await screen.findByTestId('tx-row');
    expect(screen.getByTestId('tx-page')).toHaveTextContent('Page 1 of 3');
    await user.selectOptions(screen.getByTestId('tx-page-size'), '25');
    expect(new URLSearchParams(app.location().search).get('size')).toBe('25');
    await waitFor(() => expect(screen.getByTestId('tx-page')).toHaveTextContent('Page 1 of 5'));
    expect(lastList(api.calls).get('limit')).toBe('25');

    await user.type(screen.getByTestId('tx-jump'), '4{Enter}');
    await waitFor(() => expect(lastList(api.calls).get('offset')).toBe('75'));
    expect(new URLSearchParams(app.location().search).get('page')).toBe('3');
    await user.type(screen.getByTestId('tx-jump'), '99{Enter}'); // past the end: the last
    await waitFor(() => expect(screen.getByTestId('tx-page')).toHaveTextContent('Page 5 of 5'));
  });

  it('sorts by category and by account', async () => {
    const api = server();
    const user = userEvent.setup();
    renderApp(<TransactionsPage />, { route: '/transactions', user: ALICE });
    await screen.findByTestId('tx-row');
    await user.click(screen.getByTestId('tx-sort-category'));
    await waitFor(() => expect(lastList(api.calls).get('sort')).toBe('category'));
    await user.click(screen.getByTestId('tx-sort-account'));
    await waitFor(() => expect(lastList(api.calls).get('sort')).toBe('account'));
    expect(lastList(api.calls).get('order')).toBe('desc');
  });

  it('names the bank beside each account, where two banks have a "Plaid Checking"', async () => {
    server();
    renderApp(<TransactionsPage />, { route: '/transactions', user: ALICE });
    const row = await screen.findByTestId('tx-row');
    expect(await within(row).findByTestId('tx-bank')).toHaveTextContent('First Platypus Bank');
    const options = within(screen.getByTestId('tx-account')).getAllByRole('option');
    await waitFor(() =>
      expect(options.map((o) => o.textContent)).toEqual([
        'All accounts',
        'Plaid Checking ••0000 · First Platypus Bank',
        'Plaid Checking ••0000 · Tartan Bank',
      ]),
    );
  });

  it('filters money out or in by size, in the API’s sign, and reads it back from a link', async () => {
    const api = server();
    const user = userEvent.setup();
    const app = renderApp(<TransactionsPage />, { route: '/transactions', user: ALICE });
    await screen.findByTestId('tx-row');
    expect(screen.getByTestId('tx-amount-min')).toBeDisabled(); // any amount: no size
    await user.selectOptions(screen.getByTestId('tx-amount-direction'), 'in');
    await user.type(screen.getByTestId('tx-amount-min'), '1,000{Enter}');
    await waitFor(() => expect(lastList(api.calls).get('max_amount')).toBe('-1000'));
    expect(lastList(api.calls).get('min_amount')).toBeNull();
    expect(new URLSearchParams(app.location().search).get('max_amount')).toBe('-1000');

    await user.selectOptions(screen.getByTestId('tx-amount-direction'), 'out');
    await waitFor(() => expect(lastList(api.calls).get('min_amount')).toBe('1000'));
    await user.type(screen.getByTestId('tx-amount-max'), '2500');
    await user.tab(); // leaving the field applies it
    await waitFor(() => expect(lastList(api.calls).get('max_amount')).toBe('2500'));

    await user.selectOptions(screen.getByTestId('tx-amount-direction'), 'any');
    await waitFor(() => expect(lastList(api.calls).get('min_amount')).toBeNull());
    expect(lastList(api.calls).get('max_amount')).toBeNull();
  });

  it('shows a shared link’s amount filter in words, and passing through it changes nothing', async () => {
    server();
    const user = userEvent.setup();
    const app = renderApp(<TransactionsPage />, {
      route: '/transactions?min_amount=-50&max_amount=0&page=2',
      user: ALICE,
    });
    await screen.findByTestId('tx-row');
    expect(screen.getByTestId('tx-amount-direction')).toHaveValue('in');
    expect(screen.getByTestId('tx-amount-max')).toHaveValue('50');
    expect(screen.getByTestId('tx-amount-min')).toHaveValue('');
    await user.click(screen.getByTestId('tx-amount-min'));
    await user.tab();
    await user.tab();
    expect(new URLSearchParams(app.location().search).get('page')).toBe('2'); // still there
  });
});
