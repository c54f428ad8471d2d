import { formatDate, formatMoney, formatMonth } from '../lib/format';

/* What a chart shows, in words: the text alternative a screen reader reads for the chart's
   SVG (given to it as role="img" with this aria-label). */

interface MonthFlow {
  month: string;
  income: number;
  spending: number;
}

/** Income and spending, month by month. */
export function monthlyFlowText(rows: MonthFlow[], currency: string | null | undefined): string {
  const money = (v: number) => formatMoney(v, currency);
  const months = rows.map((r) => `${formatMonth(r.month)}: income ${money(r.income)}, spending ${money(r.spending)}`);
  return `Bar chart of income and spending by month. ${months.join('; ')}.`;
}

/** Stacked spending per category: each category's total over the months shown. */
export function categoryTotalsText(
  rows: Record<string, number | string>[],
  keys: string[],
  currency: string | null | undefined,
): string {
  const totals = keys.map((key) => {
    const sum = rows.reduce((total, row) => total + Number(row[key] ?? 0), 0);
    return `${key} ${formatMoney(sum, currency)}`;
  });
  const span = rows.length
    ? ` from ${formatMonth(String(rows[0].month))} to ${formatMonth(String(rows[rows.length - 1].month))}`
    : '';
  return `Bar chart of spending by category, stacked by month${span}. Totals: ${totals.join(', ')}.`;
}

interface Point {
  date: string;
  value: number;
}

/** A balance or net worth over time: where it starts and ends, its low and its high. */
export function seriesText(what: string, points: Point[], currency: string | null | undefined): string {
  if (!points.length) return `Line chart of ${what}: no data yet.`;
  const money = (v: number) => formatMoney(v, currency);
  const first = points[0];
  const last = points[points.length - 1];
  const low = points.reduce((a, b) => (b.value < a.value ? b : a));
  const high = points.reduce((a, b) => (b.value > a.value ? b : a));
  return (
    `Line chart of ${what} from ${money(first.value)} on ${formatDate(first.date)} ` +
    `to ${money(last.value)} on ${formatDate(last.date)}; ` +
    `lowest ${money(low.value)} on ${formatDate(low.date)}, highest ${money(high.value)} on ${formatDate(high.date)}.`
  );
}

interface WorthDay {
  date: string;
  cash: number;
  investments: number;
  assets: number;
  credit: number;
  loans: number;
  net_worth: number;
}

/** Net worth over time by type: where it starts and ends, and what the last day is made of. */
export function netWorthPartsText(days: WorthDay[], currency: string | null | undefined): string {
  if (!days.length) return 'Chart of net worth by type: no data yet.';
  const money = (v: number) => formatMoney(v, currency);
  const first = days[0];
  const last = days[days.length - 1];
  return (
    `Chart of net worth by type from ${money(first.net_worth)} on ${formatDate(first.date)} ` +
    `to ${money(last.net_worth)} on ${formatDate(last.date)}. On ${formatDate(last.date)}: ` +
    `cash ${money(last.cash)}, investments ${money(last.investments)}, assets ${money(last.assets)}, ` +
    `credit owed ${money(last.credit)}, loans owed ${money(last.loans)}.`
  );
}
