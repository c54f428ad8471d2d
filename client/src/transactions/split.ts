/**
 * Splitting a transaction into parts, as the editor holds them. Amounts are typed in the
 * transaction's own direction (a $100 purchase splits into 60 and 40, whether it is money
 * out or in; a minus is the other way), and counted in cents so no rounding creeps in.
 */
import type { SplitUpdate, Transaction } from '../api/types';
import { parseTags } from './tags';

export interface PartRow {
  amount: string;
  category: string;
  subcategory: string;
  note: string;
  tags: string;
}

export const MAX_PARTS = 50;
/** A part not filled in yet. */
export const EMPTY_PART: PartRow = { amount: '', category: '', subcategory: '', note: '', tags: '' };
const AMOUNT = /^-?\d{1,12}(\.\d{1,2})?$/;

/** +1 for money out (Plaid's positive), -1 for money in. */
function direction(tx: Transaction): number {
  return Number(tx.amount) < 0 ? -1 : 1;
}

/** A typed amount in cents, or null when it is not one. */
export function cents(text: string): number | null {
  const trimmed = text.trim();
  if (!AMOUNT.test(trimmed)) return null;
  return Math.round(Number(trimmed) * 100);
}

function asText(amountCents: number): string {
  const sign = amountCents < 0 ? '-' : '';
  const abs = Math.abs(amountCents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** The whole, in cents, in its own direction (so always 0 or more). */
export function wholeCents(tx: Transaction): number {
  return Math.round(Math.abs(Number(tx.amount)) * 100);
}

/** The editor's rows: the parts there are, or the whole and an empty part to start. */
export function startingRows(tx: Transaction): PartRow[] {
  if (tx.splits.length) {
    return tx.splits.map((part) => ({
      amount: asText(Math.round(Number(part.amount) * 100) * direction(tx)),
      category: part.category ?? '',
      subcategory: part.subcategory ?? '',
      note: part.note ?? '',
      tags: part.tags.join(' '),
    }));
  }
  const first = { amount: asText(wholeCents(tx)), category: tx.category ?? '', subcategory: tx.subcategory ?? '' };
  return [{ ...EMPTY_PART, ...first }, { ...EMPTY_PART }];
}

/** What is left to assign, in cents: negative when the parts add up to more. */
export function leftToAssign(tx: Transaction, rows: PartRow[]): number {
  return wholeCents(tx) - rows.reduce((sum, row) => sum + (cents(row.amount) ?? 0), 0);
}

/** The rows after part `at`'s amount changed to `amount`: the first part takes up the
 * difference (until the person types its amount themselves). */
export function withAmount(tx: Transaction, rows: PartRow[], at: number, amount: string, firstPinned: boolean) {
  const next = rows.map((row, i) => (i === at ? { ...row, amount } : row));
  if (at === 0 || firstPinned) return next;
  const others = next.slice(1).reduce((sum, row) => sum + (cents(row.amount) ?? 0), 0);
  next[0] = { ...next[0], amount: asText(wholeCents(tx) - others) };
  return next;
}

/** The rows divided evenly, the odd cents on the first parts. */
export function evenly(tx: Transaction, rows: PartRow[]): PartRow[] {
  const whole = wholeCents(tx);
  const each = Math.floor(whole / rows.length);
  const extra = whole - each * rows.length;
  return rows.map((row, i) => ({ ...row, amount: asText(each + (i < extra ? 1 : 0)) }));
}

export type Checked = { ok: true; body: SplitUpdate } | { ok: false; problem: string };

/** The API's body for the rows, or what is wrong with them, in words. */
export function checkedParts(tx: Transaction, rows: PartRow[]): Checked {
  if (rows.length < 2) return { ok: false, problem: 'A split needs two parts or more.' };
  if (rows.length > MAX_PARTS) return { ok: false, problem: `At most ${MAX_PARTS} parts.` };
  const parts: SplitUpdate['parts'] = [];
  for (const [i, row] of rows.entries()) {
    const amount = cents(row.amount);
    if (amount === null) return { ok: false, problem: `Part ${i + 1}: type an amount such as 12.50.` };
    if (amount === 0) return { ok: false, problem: `Part ${i + 1} is 0: remove it, or give it an amount.` };
    const tags = parseTags(row.tags);
    if (!tags.ok) return { ok: false, problem: `Part ${i + 1}: ${tags.problem}` };
    parts.push({
      amount: asText(amount * direction(tx)),
      category: row.category.trim() || null,
      subcategory: row.subcategory.trim() || null,
      note: row.note.trim() || null,
      tags: tags.tags,
    });
  }
  const left = leftToAssign(tx, rows);
  if (left !== 0) {
    const amount = asText(Math.abs(left));
    return { ok: false, problem: left > 0 ? `${amount} is left to assign.` : `The parts are ${amount} over.` };
  }
  return { ok: true, body: { parts } };
}
