// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  currentMonth,
  formatDate,
  formatDateTime,
  formatMoney,
  formatMoneyWhole,
  formatMonth,
  formatTransactionAmount,
  setDisplay,
} from './format';

// Intl puts (narrow) no-break spaces in some locales; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney', () => {
  it('formats a decimal string in the given currency and locale', () => {
    expect(formatMoney('1234.5', 'USD', 'en-US')).toBe('$1,234.50');
    expect(plain(formatMoney('1234.5', 'EUR', 'de-DE'))).toBe('1.234,50 €');
    expect(plain(formatMoney('1234.5', 'EUR', 'fr-FR'))).toBe('1 234,50 €');
    expect(formatMoney('-20', 'GBP', 'en-GB')).toBe('-£20.00');
  });

  it("follows the currency's own digits", () => {
    expect(formatMoney('1234.5', 'JPY', 'ja-JP')).toBe('￥1,235');
  });

  it("uses the browser's locale when none is given", () => {
    const browser = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'CAD' }).format(99.9);
    expect(formatMoney('99.9', 'CAD')).toBe(browser);
  });

  it('defaults to USD and shows a dash for no value', () => {
    expect(formatMoney('5', null, 'en-US')).toBe('$5.00');
    expect(formatMoney(null, 'USD')).toBe('—');
    expect(formatMoney(undefined, 'USD')).toBe('—');
    expect(formatMoney('', 'USD')).toBe('—');
    expect(formatMoney('abc', 'USD')).toBe('—');
  });

  it('keeps an unofficial currency code next to the number', () => {
    expect(formatMoney('0.5', 'DOGE', 'en-US')).toBe('0.50 DOGE');
  });

  it('rounds to whole units for chart axes', () => {
    expect(formatMoneyWhole(1234.56, 'USD', 'en-US')).toBe('$1,235');
    expect(plain(formatMoneyWhole(-1234.56, 'EUR', 'de-DE'))).toBe('-1.235 €');
  });
});

describe('formatTransactionAmount', () => {
  it("shows Plaid's positive amounts as money out, with a minus sign", () => {
    expect(formatTransactionAmount('12.5', 'USD', 'en-US')).toEqual({ text: '−$12.50', direction: 'out' });
  });

  it('shows negative amounts as money in, with a plus sign', () => {
    expect(formatTransactionAmount('-1500', 'USD', 'en-US')).toEqual({ text: '+$1,500.00', direction: 'in' });
  });

  it("uses the account's currency and the locale", () => {
    const out = formatTransactionAmount('4.2', 'EUR', 'de-DE');
    expect(plain(out.text)).toBe('−4,20 €');
    expect(formatTransactionAmount('-3', 'GBP', 'en-GB').text).toBe('+£3.00');
  });

  it('treats zero as money in', () => {
    expect(formatTransactionAmount('0', 'USD', 'en-US')).toEqual({ text: '+$0.00', direction: 'in' });
  });
});

describe('dates', () => {
  it('formats a calendar date in the locale without shifting a day', () => {
    expect(formatDate('2024-01-05', 'en-US')).toBe('Jan 5, 2024');
    expect(formatDate('2024-01-05', 'de-DE')).toBe('05.01.2024');
    expect(formatDate('2024-12-31', 'en-GB')).toBe('31 Dec 2024');
  });

  it('formats months and times in the locale', () => {
    expect(formatMonth('2024-03', 'en-US')).toBe('Mar 24');
    expect(formatDateTime(null)).toBe('never');
    const iso = '2024-01-05T15:30:00Z';
    expect(formatDateTime(iso, 'en-US')).toBe(
      new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
    );
  });

  it("uses the browser's locale when none is given", () => {
    expect(formatDate('2024-01-05')).toBe(
      new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(2024, 0, 5)),
    );
  });
});

describe("the person's display settings", () => {
  it('shows money without a currency of its own in theirs, and times in their zone', () => {
    try {
      setDisplay('EUR', 'Asia/Tokyo');
      expect(plain(formatMoney('12.5', null, 'en-US'))).toBe('€12.50');
      expect(formatMoney('12.5', 'USD', 'en-US')).toBe('$12.50'); // its own kept
      expect(formatMoneyWhole(1234, null, 'en-US')).toBe('€1,234');
      expect(formatDateTime('2024-01-31T16:30:00Z', 'en-US')).toBe('Feb 1, 2024, 1:30 AM');
      expect(currentMonth(new Date('2024-01-31T16:30:00Z'))).toBe('2024-02');
      setDisplay(null, 'America/New_York');
      expect(formatMoney('1', null, 'en-US')).toBe('$1.00');
      expect(currentMonth(new Date('2024-02-01T03:00:00Z'))).toBe('2024-01');
    } finally {
      setDisplay(null, null);
    }
  });
});
