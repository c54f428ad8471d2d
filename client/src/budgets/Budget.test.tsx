import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Budget } from '../api/types';
import { stubFetch } from '../test/fetchStub';
import { renderApp } from '../test/render';
import { BudgetCard } from './BudgetCard';
import { BudgetTable } from './BudgetTable';

const figures = (budgeted: string, spent: string, pace: 'under' | 'over') => ({
  budgeted,
  carried_in: '0.00',
  available: budgeted,
  spent,
  left: (Number(budgeted) - Number(spent)).toFixed(2),
  pace_spent: (Number(budgeted) / 2).toFixed(2),
  pace,
});

const BUDGET: Budget = {
  month: '2024-03',
  current_month: '2024-03',
  start_date: '2024-03-01',
  end_date: '2024-03-30',
  days_gone: 15,
  days: 30,
  month_start_day: 1,
  currency: 'USD',
  currencies: ['USD'],
  income: '2500.00',
  income_target: null,
  totals: figures('400.00', '250.00', 'over'),
  groups: [
    {
      category: 'FOOD_AND_DRINK',
      has_line: true,
      rollover: 'carry_surplus',
      ...figures('400.00', '250.00', 'over'),
      categories: [
        {
          subcategory: 'FOOD_AND_DRINK_GROCERIES',
          has_line: false,
          rollover: null,
          ...figures('0.00', '250.00', 'over'),
        },
      ],
    },
  ],
};

describe('budget', () => {
  it('leads the home page with what is left and the pace', async () => {
    stubFetch({ 'GET /api/users/1/budgets/current': { body: BUDGET } });
    renderApp(<BudgetCard userId={1} />);
    expect(await screen.findByTestId('budget-left')).toHaveTextContent('$150.00');
    // $250 spent where an even pace would have spent $200 by day 15 of 30.
    expect(screen.getByTestId('budget-pace')).toHaveTextContent('$50.00 ahead of pace');
    expect(screen.getByText('Day 15 of 30')).toBeInTheDocument();
  });

  it('saves a category budget typed in place', async () => {
    const { callsTo } = stubFetch({
      'PUT /api/users/1/budgets/2024-03/lines': { body: BUDGET },
      'GET /api/users/1/budgets/2024-03': { body: BUDGET },
    });
    renderApp(<BudgetTable userId={1} budget={BUDGET} />);
    const groceries = screen.getByLabelText('Budget for Groceries');
    fireEvent.change(groceries, { target: { value: '300.00' } });
    fireEvent.blur(groceries);
    const lines = 'PUT /api/users/1/budgets/2024-03/lines';
    await waitFor(() => expect(callsTo(lines)).toHaveLength(1));
    const put = callsTo(lines)[0];
    expect(put?.body).toEqual({
      lines: [
        { category: 'FOOD_AND_DRINK', subcategory: 'FOOD_AND_DRINK_GROCERIES', amount: '300.00', rollover: 'none' },
      ],
    });
    expect(screen.getByLabelText('Rollover of Food and drink')).toHaveValue('carry_surplus');
  });

  it('shows a budget shared to view only as text, with nothing to change', () => {
    const { calls } = stubFetch({});
    renderApp(<BudgetTable userId={1} budget={BUDGET} readOnly />);
    expect(screen.getByTestId('budget-row-FOOD_AND_DRINK')).toHaveTextContent('$400.00');
    expect(screen.getByTestId('budget-row-FOOD_AND_DRINK')).toHaveTextContent('Carry what is left');
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add to budget' })).not.toBeInTheDocument();
    expect(calls).toEqual([]);
  });
});
