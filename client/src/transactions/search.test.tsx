import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { TransactionsPage } from '../pages/TransactionsPage';
import { apiError, json, stubFetch, type Call } from '../test/fetchStub';
import { ALICE, renderApp } from '../test/render';
import { aTransaction } from '../test/transactions';

const TX = aTransaction({
  id: 1,
  account_id: 5,
  item_id: 7,
  account_name: 'Checking',
  name: 'Uber 063015',
  merchant_name: 'Uber',
  amount: '5.4',
  iso_currency_code: 'USD',
  unofficial_currency_code: null,
  date: '2024-01-05',
  pending: false,
  category: 'Travel',
  subcategory: 'Taxi',
  display_name: 'Uber',
  logo: null,
  has_logo: false,
  original_name: null,
  original_category: null,
  original_subcategory: null,
  manually_updated: false,
  hidden: false,
  note: null,
  tags: [],
});

function server() {
  return stubFetch({
    // Three pages, so the shared link's page=2 (offset 100) is one of them.
    'GET /api/users/1/transactions': () => json([TX], 200, { 'X-Total-Count': '120' }),
    'GET /api/users/1/accounts': json([
      { id: 5, name: 'Checking', mask: '0000' },
      { id: 6, name: 'Savings', mask: '1111' },
    ]),
    'GET /api/users/1/categories': json([{ category: 'Travel', subcategories: ['Taxi'] }]),
  });
}

const listCalls = (calls: Call[]) => calls.filter((c) => c.path === '/api/users/1/transactions');
const lastList = (calls: Call[]) => listCalls(calls).at(-1)!.url.searchParams;

describe('the transactions search', () => {
  it('sends the query language as typed, in the URL and the request', async () => {
    const api = server();
    const user = userEvent.setup();
    const app = renderApp(<TransactionsPage />, { route: '/transactions', user: ALICE });
    await screen.findByTestId('tx-row');
    const query = '"whole foods" OR(uber lyft) NOT(refund) category:travel 12.50 Jan 2024';
    await user.type(screen.getByTestId('tx-search'), `${query}{Enter}`);

    expect(new URLSearchParams(app.location().search).get('q')).toBe(query);
    await waitFor(() => expect(lastList(api.calls).get('q')).toBe(query));
    expect(lastList(api.calls).get('limit')).toBe('50');
    expect(lastList(api.calls).get('offset')).toBe('0');
    // The export link carries the same filters.
    const href = screen.getByTestId('tx-export').getAttribute('href')!;
    expect(href.startsWith('/api/users/1/transactions.csv?')).toBe(true);
    expect(new URL(href, 'http://x').searchParams.get('q')).toBe(query);
  });

  it('searches once the user pauses typing, trimmed', async () => {
    const api = server();
    const user = userEvent.setup();
    const app = renderApp(<TransactionsPage />, { route: '/transactions', user: ALICE });
    await screen.findByTestId('tx-row');
    await user.type(screen.getByTestId('tx-search'), '  coffee ');
    await waitFor(() => expect(new URLSearchParams(app.location().search).get('q')).toBe('coffee'));
    await waitFor(() => expect(lastList(api.calls).get('q')).toBe('coffee'));
  });

  it('combines the search with the other filters, from a shared URL, and clears them all', async () => {
    const api = server();
    const user = userEvent.setup();
    const app = renderApp(<TransactionsPage />, {
      route: '/transactions?q=uber&month=2024-01&account=5&category=Travel&subcategory=Taxi&page=2',
      user: ALICE,
    });
    await screen.findByTestId('tx-row');
    expect(screen.getByTestId('tx-search')).toHaveValue('uber');
    const sent = lastList(api.calls);
    expect(sent.get('q')).toBe('uber');
    expect(sent.get('month')).toBe('2024-01');
    expect(sent.getAll('account')).toEqual(['5']);
    expect(sent.get('category')).toBe('Travel');
    expect(sent.get('subcategory')).toBe('Taxi');
    expect(sent.get('offset')).toBe('100');

    // A new filter goes back to the first page and keeps the search.
    await screen.findByRole('option', { name: /Savings/ });
    await user.selectOptions(screen.getByTestId('tx-account'), '6');
    await waitFor(() => expect(lastList(api.calls).getAll('account')).toEqual(['6']));
    expect(lastList(api.calls).get('q')).toBe('uber');
    expect(lastList(api.calls).get('offset')).toBe('0');
    expect(new URLSearchParams(app.location().search).get('page')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Clear' }));
    expect(app.location().search).toBe('');
    expect(screen.getByTestId('tx-search')).toHaveValue('');
    await waitFor(() => expect([...lastList(api.calls).keys()].sort()).toEqual(['limit', 'offset']));
  });

  it('keeps the last list under the reason a half-typed search is refused', async () => {
    stubFetch({
      'GET /api/users/1/transactions': (call) =>
        call.url.searchParams.get('q')?.includes('OR(')
          ? apiError(422, 'invalid_input', "OR( is not closed with ')'.")
          : json([TX], 200, { 'X-Total-Count': '1' }),
      'GET /api/users/1/accounts': json([]),
      'GET /api/users/1/categories': json([]),
    });
    const user = userEvent.setup();
    renderApp(<TransactionsPage />, { route: '/transactions', user: ALICE });
    await screen.findByTestId('tx-row');
    await user.type(screen.getByTestId('tx-search'), 'OR(uber');
    expect(await screen.findByRole('alert')).toHaveTextContent("OR( is not closed with ')'.");
    expect(screen.getByTestId('tx-row')).toBeInTheDocument();
    expect(screen.getByTestId('tx-total-count')).toHaveTextContent('1');
  });

  it('says so when nothing matches', async () => {
    stubFetch({
      'GET /api/users/1/transactions': () => json([], 200, { 'X-Total-Count': '0' }),
      'GET /api/users/1/accounts': json([]),
      'GET /api/users/1/categories': json([]),
    });
    renderApp(<TransactionsPage />, { route: '/transactions?q=nothing', user: ALICE });
    expect(await screen.findByText('No transactions match.')).toBeInTheDocument();
    expect(screen.getByTestId('tx-total-count')).toHaveTextContent('0');
  });
});
