import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Recurring, RecurringStream } from '../api/types';
import { RecurringPage } from '../pages/RecurringPage';
import { stubFetch } from '../test/fetchStub';
import { ALICE, renderApp } from '../test/render';
import { nextDays } from './labels';

function stream(over: Partial<RecurringStream>): RecurringStream {
  return {
    stream_id: 'a'.repeat(24),
    kind: 'subscription',
    account_id: 1,
    account_name: 'Card',
    institution_name: 'First Bank',
    direction: 'outflow',
    description: 'NETFLIX.COM',
    merchant_name: 'Netflix',
    category: 'ENTERTAINMENT',
    subcategory: null,
    frequency: 'MONTHLY',
    first_date: '2026-06-21',
    last_date: '2026-11-21',
    predicted_next_date: '2026-12-21',
    transaction_ids: ['t1', 't2', 't3'],
    average_amount: '15.49',
    last_amount: '17.99',
    expected_amount: '17.99',
    monthly_amount: '17.99',
    is_active: true,
    status: 'MATURE',
    not_recurring: false,
    source: 'detected',
    ...over,
  };
}

const body: Recurring = {
  today: '2026-12-03',
  subscriptions_monthly: '17.99',
  bills_monthly: '0.00',
  income_monthly: '4333.33',
  streams: [
    stream({}),
    stream({
      stream_id: 'b'.repeat(24),
      kind: 'income',
      direction: 'inflow',
      merchant_name: 'Acme Payroll',
      frequency: 'BIWEEKLY',
      last_amount: '-2000.00',
      expected_amount: '-2000.00',
      monthly_amount: '-4333.33',
      predicted_next_date: '2026-12-11',
      source: 'plaid',
    }),
    stream({ stream_id: 'c'.repeat(24), merchant_name: 'Old Gym', is_active: false, status: 'TOMBSTONED' }),
  ],
  upcoming: [
    { date: '2026-12-11', stream_id: 'b'.repeat(24), description: 'Acme Payroll', kind: 'income', amount: '-2000.00' },
    { date: '2026-12-21', stream_id: 'a'.repeat(24), description: 'Netflix', kind: 'subscription', amount: '17.99' },
  ],
};

const noForecast = { today: '2026-12-03', threshold: '0.00', warning: false, accounts: [] };

describe('recurring page', () => {
  it('shows monthly totals, each kind in its table, and what is due on its day', async () => {
    stubFetch({ 'GET /api/users/1/recurring': { body }, 'GET /api/users/1/forecast': { body: noForecast } });
    renderApp(<RecurringPage />, { user: ALICE });
    expect(await screen.findByTestId('subscriptions-monthly')).toHaveTextContent('$17.99');
    expect(screen.getByTestId('income-monthly')).toHaveTextContent('$4,333.33');
    const subscriptions = screen.getByTestId('recurring-subscriptions');
    expect(within(subscriptions).getByText('Netflix')).toBeInTheDocument();
    expect(within(subscriptions).getByText('First Bank · Card')).toBeInTheDocument();
    expect(within(screen.getByTestId('recurring-income')).getByText('Every 2 weeks')).toBeInTheDocument();
    // Where each stream comes from: Plaid's own (the bank's), or found by Pattern.
    expect(within(screen.getByTestId('recurring-income')).getByText('from your bank')).toBeInTheDocument();
    expect(within(subscriptions).getByText('detected')).toBeInTheDocument();
    expect(within(screen.getByTestId('recurring-other')).getByText('Ended')).toBeInTheDocument();
    const calendar = screen.getByTestId('due-calendar');
    const day = calendar.querySelector('[data-date="2026-12-21"]') as HTMLElement;
    expect(within(day).getByText(/Netflix/)).toHaveTextContent('Netflix $17.99');
  });

  it('says a stream is not recurring', async () => {
    const net = stubFetch({
      'GET /api/users/1/recurring': { body },
      'GET /api/users/1/forecast': { body: noForecast },
      'PUT /api/users/1/recurring/aaaaaaaaaaaaaaaaaaaaaaaa': { status: 204 },
    });
    renderApp(<RecurringPage />, { user: ALICE });
    fireEvent.click(await screen.findByRole('button', { name: 'Netflix is not recurring' }));
    const put = 'PUT /api/users/1/recurring/aaaaaaaaaaaaaaaaaaaaaaaa';
    await vi.waitFor(() => expect(net.callsTo(put)).toHaveLength(1));
    expect(net.callsTo(put)[0].body).toEqual({ not_recurring: true, expected_amount: null });
    // The list is read again, so the totals follow.
    await vi.waitFor(() => expect(net.callsTo('GET /api/users/1/recurring')).toHaveLength(2));
  });
});

describe('the next 30 days', () => {
  it('crosses months and years', () => {
    const days = nextDays('2026-12-20');
    expect(days).toHaveLength(31);
    expect(days[11]).toBe('2026-12-31');
    expect(days[12]).toBe('2027-01-01');
  });
});
