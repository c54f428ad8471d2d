import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { stubFetch } from '../test/fetchStub';
import { renderApp } from '../test/render';
import { SpendingByCategory } from './SpendingByCategory';

describe('spending by category', () => {
  it('names the spending without a category', async () => {
    stubFetch({
      'GET /api/users/1/insights/spending': {
        body: {
          currency: 'USD',
          currencies: ['USD'],
          start_date: '2024-01-01',
          end_date: '2024-01-31',
          total: '30.00',
          count: 2,
          categories: [
            {
              category: 'Shops',
              total: '20.00',
              count: 1,
              subcategories: [{ subcategory: null, total: '20.00', count: 1 }],
            },
            {
              category: null,
              total: '10.00',
              count: 1,
              subcategories: [{ subcategory: null, total: '10.00', count: 1 }],
            },
          ],
        },
      },
    });
    renderApp(<SpendingByCategory userId={1} month="2024-01" />);
    expect(await screen.findByText('Shops')).toBeInTheDocument();
    const uncategorized = screen.getByText('Uncategorized');
    expect(uncategorized.closest('li')?.title).toMatch(/^Uncategorized: /);
  });
});
