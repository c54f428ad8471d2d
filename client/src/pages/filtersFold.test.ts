import { describe, expect, it } from 'vitest';
import { activeFilterCount } from './filtersFold';

describe('the count on the "Filters" button', () => {
  it('counts the folded filters in use, each control once', () => {
    expect(activeFilterCount({})).toBe(0);
    expect(activeFilterCount({ q: 'coffee', sort: 'amount', order: 'asc', flow: 'income' })).toBe(0);
    expect(activeFilterCount({ start_date: '2024-01-01', end_date: '2024-01-31' })).toBe(1);
    expect(activeFilterCount({ min_amount: '5', max_amount: '50', account: ['1', '2'], pending: 'true' })).toBe(3);
    expect(activeFilterCount({ category: [], month: '' })).toBe(0);
  });
});
