/*
 * A manual transaction's amount as people see it: how much, and whether the money went out
 * or came in. The API keeps Plaid's sign (positive is money out); nothing else here knows it.
 */

export type Direction = 'out' | 'in';

// Under a trillion, as the server takes (kit/schemas.py MoneyIn).
const LARGEST = 1e12;
const AMOUNT = /^\d+(?:[.,]\d{1,2})?$/;

export type Parsed = { ok: true; amount: string } | { ok: false; problem: string };

/** What the person typed ("12.5", "1,234.50" with a comma for thousands is refused) and the
 * direction chosen, as the API's amount ("12.50" out, "-12.50" in). */
export function toApiAmount(text: string, direction: Direction): Parsed {
  const typed = text.trim().replace(/^[+\u2212-]/, '');
  if (typed === '') return { ok: false, problem: 'Enter an amount.' };
  if (!AMOUNT.test(typed)) return { ok: false, problem: 'Enter an amount like 12.50, with at most two decimals.' };
  const value = Number(typed.replace(',', '.'));
  if (value >= LARGEST) return { ok: false, problem: 'That amount is too large.' };
  const fixed = value.toFixed(2);
  return { ok: true, amount: direction === 'out' || value === 0 ? fixed : `-${fixed}` };
}

/** The API's amount as the dialog's fields: how much, and which way. */
export function fromApiAmount(amount: string): { text: string; direction: Direction } {
  const negative = amount.trim().startsWith('-');
  return { text: negative ? amount.trim().slice(1) : amount.trim(), direction: negative ? 'in' : 'out' };
}
