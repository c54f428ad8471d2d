import { describe, expect, it } from 'vitest';
import { fromParams, sizeOf, toParams, type AmountFilter } from './amountFilter';

describe('the amount filter', () => {
  it.each<[AmountFilter, object]>([
    [
      { direction: 'out', atLeast: '100', atMost: '' },
      { min_amount: '100', max_amount: undefined },
    ],
    [
      { direction: 'out', atLeast: '', atMost: '50' },
      { min_amount: '0', max_amount: '50' },
    ],
    [
      { direction: 'out', atLeast: '10', atMost: '$1,200.50' },
      { min_amount: '10', max_amount: '1200.50' },
    ],
    [
      { direction: 'in', atLeast: '100', atMost: '' },
      { min_amount: undefined, max_amount: '-100' },
    ],
    [
      { direction: 'in', atLeast: '', atMost: '50' },
      { min_amount: '-50', max_amount: '0' },
    ],
    [
      { direction: 'in', atLeast: '10', atMost: '20' },
      { min_amount: '-20', max_amount: '-10' },
    ],
    [
      { direction: 'any', atLeast: '10', atMost: '20' },
      { min_amount: undefined, max_amount: undefined },
    ],
  ])('turns %o into the API’s Plaid-signed %o, and back', (filter, params) => {
    expect(toParams(filter)).toEqual(params);
    const back = filter.direction === 'any' ? { ...filter, atLeast: '', atMost: '' } : filter;
    expect(fromParams(toParams(filter))).toEqual({
      ...back,
      atLeast: sizeOf(back.atLeast) ?? '',
      atMost: sizeOf(back.atMost) ?? '',
    });
  });

  it('leaves out what is not an amount', () => {
    expect(sizeOf('lots')).toBeUndefined();
    expect(sizeOf('-5')).toBeUndefined();
    expect(sizeOf('1.234')).toBeUndefined();
    expect(toParams({ direction: 'out', atLeast: 'lots', atMost: '' })).toEqual({
      min_amount: '0',
      max_amount: undefined,
    });
  });
});
