/**
 * The amount filter as people think of it (money out or in, at least / at most so much)
 * and as the API takes it: `min_amount` / `max_amount` in Plaid's sign, money out positive.
 * Money out always sets a `min_amount` of 0 or more and money in a `max_amount` of 0 or
 * less, so the direction can be read back from the URL.
 */

export type Direction = 'any' | 'out' | 'in';

export interface AmountFilter {
  direction: Direction;
  /** Sizes as typed, without a sign ('' when not given). */
  atLeast: string;
  atMost: string;
}

export interface AmountParams {
  min_amount?: string;
  max_amount?: string;
}

const NUMBER = /^\d+(\.\d{1,2})?$/;

/** A size a person typed ("1,200.50", "$30"), as the API takes it; undefined if none. */
export function sizeOf(text: string): string | undefined {
  const plain = text.trim().replace(/[$,\s]/g, '');
  return NUMBER.test(plain) ? plain : undefined;
}

function negated(size: string | undefined): string | undefined {
  return size === undefined || Number(size) === 0 ? size : `-${size}`;
}

export function toParams({ direction, atLeast, atMost }: AmountFilter): AmountParams {
  const least = sizeOf(atLeast);
  const most = sizeOf(atMost);
  if (direction === 'out') return { min_amount: least ?? '0', max_amount: most };
  if (direction === 'in') return { min_amount: negated(most), max_amount: negated(least) ?? '0' };
  return { min_amount: undefined, max_amount: undefined };
}

function unsigned(value: string | undefined): string {
  if (value === undefined) return '';
  const size = value.replace(/^-/, '');
  return Number(size) === 0 ? '' : size;
}

export function fromParams({ min_amount, max_amount }: AmountParams): AmountFilter {
  if (min_amount !== undefined && Number(min_amount) >= 0) {
    return { direction: 'out', atLeast: unsigned(min_amount), atMost: unsigned(max_amount) };
  }
  if (max_amount !== undefined && Number(max_amount) <= 0) {
    return { direction: 'in', atLeast: unsigned(max_amount), atMost: unsigned(min_amount) };
  }
  return { direction: 'any', atLeast: '', atMost: '' };
}
