import { describe, expect, it } from 'vitest';
import { fromApiAmount, toApiAmount } from './amount';

describe('a manual amount', () => {
  it('is money out in Plaid’s sign, positive, and money in negative', () => {
    expect(toApiAmount('12.5', 'out')).toEqual({ ok: true, amount: '12.50' });
    expect(toApiAmount(' 12,50 ', 'in')).toEqual({ ok: true, amount: '-12.50' });
    expect(toApiAmount('−3', 'out')).toEqual({ ok: true, amount: '3.00' });
    expect(toApiAmount('0', 'in')).toEqual({ ok: true, amount: '0.00' });
  });

  it('refuses what the server would, in words', () => {
    expect(toApiAmount('', 'out')).toEqual({ ok: false, problem: 'Enter an amount.' });
    expect(toApiAmount('1.005', 'out').ok).toBe(false);
    expect(toApiAmount('abc', 'out').ok).toBe(false);
    expect(toApiAmount('1e3', 'out').ok).toBe(false);
    expect(toApiAmount('1000000000000', 'out')).toEqual({ ok: false, problem: 'That amount is too large.' });
  });

  it('reads back as the dialog shows it', () => {
    expect(fromApiAmount('12.50')).toEqual({ text: '12.50', direction: 'out' });
    expect(fromApiAmount('-7.00')).toEqual({ text: '7.00', direction: 'in' });
  });
});
