import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CashFlow, FlowNode, MonthCashFlow, TransactionsFilter } from '../api/types';
import { CashFlowPage } from '../pages/CashFlowPage';
import { TransactionsPage } from '../pages/TransactionsPage';
import { json, stubFetch } from '../test/fetchStub';
import { ALICE, renderApp } from '../test/render';
import { formatRate, monthFilter, transactionsHref } from './links';

function filter(flow: TransactionsFilter['flow'], more: Partial<TransactionsFilter> = {}): TransactionsFilter {
  return { ...monthFilter('2024-02', flow), ...more };
}

function node(kind: FlowNode['kind'], name: string | null, amount: string, more: Partial<FlowNode> = {}): FlowNode {
  const flow = kind === 'source' || kind === 'income' ? 'income' : kind === 'group' ? 'spending' : 'all';
  return { kind, name, other: false, amount, count: 1, transactions: filter(flow), ...more };
}

const MONTHS: CashFlow = {
  currency: 'USD',
  currencies: ['USD'],
  start_date: '2024-01-01',
  end_date: '2024-02-29',
  income: '5000.00',
  spending: '3000.00',
  net: '2000.00',
  savings_rate: '0.4000',
  months: [
    { month: '2024-01', income: '0.00', spending: '0.00', net: '0.00', savings_rate: null },
    { month: '2024-02', income: '5000.00', spending: '3000.00', net: '2000.00', savings_rate: '0.4000' },
  ],
};

const FEBRUARY: MonthCashFlow = {
  month: '2024-02',
  currency: 'USD',
  currencies: ['USD'],
  start_date: '2024-02-01',
  end_date: '2024-02-29',
  income: '5000.00',
  spending: '3000.00',
  net: '2000.00',
  savings_rate: '0.4000',
  nodes: [
    node('source', 'INCOME_WAGES', '5000.00', {
      transactions: filter('income', { subcategory: ['INCOME_WAGES'] }),
    }),
    node('income', null, '5000.00'),
    node('group', 'RENT_AND_UTILITIES', '1800.00', {
      transactions: filter('spending', { category: ['RENT_AND_UTILITIES'] }),
    }),
    node('group', null, '1200.00', {
      other: true,
      count: 9,
      transactions: filter('spending', { not_category: ['RENT_AND_UTILITIES', ''] }),
    }),
    node('savings', null, '2000.00', { count: 0 }),
  ],
  links: [
    { source: 0, target: 1, amount: '5000.00' },
    { source: 1, target: 2, amount: '1800.00' },
    { source: 1, target: 3, amount: '1200.00' },
    { source: 1, target: 4, amount: '2000.00' },
  ],
  income_transactions: filter('income'),
  spending_transactions: filter('spending'),
  net_transactions: filter('all'),
};

describe('cash flow links', () => {
  it('ask the transactions page for exactly the figure’s rows', () => {
    const href = transactionsHref(filter('spending', { not_category: ['RENT_AND_UTILITIES', ''] }));
    const [path, query] = href.split('?');
    const params = new URLSearchParams(query);
    expect(path).toBe('/transactions');
    expect(params.get('start_date')).toBe('2024-02-01');
    expect(params.get('end_date')).toBe('2024-02-29'); // a leap year's February
    expect(params.get('flow')).toBe('spending');
    expect(params.getAll('not_category')).toEqual(['RENT_AND_UTILITIES', '']);
    expect(params.has('category')).toBe(false);
    expect(monthFilter('2023-12', 'income').end_date).toBe('2023-12-31');
    expect([formatRate('0.4000'), formatRate('-1272.7630'), formatRate(null)]).toEqual(['40.0%', '< −999%', '—']);
  });
});

describe('the cash flow page', () => {
  function server() {
    return stubFetch({
      'GET /api/users/1/cash-flow': json(MONTHS),
      'GET /api/users/1/cash-flow/2024-02': json(FEBRUARY),
    });
  }

  it('shows the month’s figures and flow as tables that open the transactions', async () => {
    server();
    const user = userEvent.setup();
    const app = renderApp(<CashFlowPage />, { route: '/cash-flow?month=2024-02', user: ALICE });
    const figures = await screen.findByTestId('cash-flow-figures');
    expect(within(figures).getByTestId('cash-flow-income')).toHaveTextContent('$5,000.00');
    expect(screen.getByTestId('cash-flow-rate')).toHaveTextContent('40.0%');

    expect(within(screen.getByTestId('flow-table-source')).getByText('Wages')).toBeInTheDocument();
    const out = screen.getByTestId('flow-table-group');
    expect(within(out).getByText('Rent and utilities')).toBeInTheDocument();
    expect(within(out).getByText('Saved')).toBeInTheDocument();
    await user.click(within(out).getByText('$1,200.00')); // "Other spending"
    expect(app.location().pathname).toBe('/transactions');
    const params = new URLSearchParams(app.location().search);
    expect(params.get('flow')).toBe('spending');
    expect(params.getAll('not_category')).toEqual(['RENT_AND_UTILITIES', '']);
  });

  it('lists every month with its savings rate, none without income', async () => {
    server();
    renderApp(<CashFlowPage />, { route: '/cash-flow?month=2024-02', user: ALICE });
    const table = await screen.findByTestId('cash-flow-months');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('40.0%');
    expect(rows[1]).toHaveTextContent('—');
    const income = within(rows[0]).getByText('$5,000.00').closest('a')!;
    expect(new URLSearchParams(income.getAttribute('href')!.split('?')[1]).get('flow')).toBe('income');
  });
});

describe('the transactions page opened from a figure', () => {
  it('sends the cash-flow filters and says what they are', async () => {
    const api = stubFetch({
      'GET /api/users/1/transactions': () => json([], 200, { 'X-Total-Count': '0' }),
      'GET /api/users/1/accounts': json([]),
      'GET /api/users/1/categories': json([]),
    });
    const user = userEvent.setup();
    const route = transactionsHref(filter('income', { subcategory: ['INCOME_WAGES'] }));
    const app = renderApp(<TransactionsPage />, { route, user: ALICE });
    const note = await screen.findByTestId('tx-flow-filter');
    expect(note).toHaveTextContent('Income as cash flow counts it (no transfers) · in Income wages');
    const sent = api.calls.find((c) => c.path === '/api/users/1/transactions')!.url.searchParams;
    expect(sent.get('flow')).toBe('income');
    expect(sent.getAll('subcategory')).toEqual(['INCOME_WAGES']);

    await user.click(within(note).getByRole('button', { name: 'Show all' }));
    await waitFor(() => expect(screen.queryByTestId('tx-flow-filter')).not.toBeInTheDocument());
    const params = new URLSearchParams(app.location().search);
    expect([params.get('flow'), params.get('subcategory')]).toEqual([null, null]);
    expect(params.get('start_date')).toBe('2024-02-01');
  });
});
