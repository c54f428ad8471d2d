import type { FlowNode, TransactionsFilter } from '../api/types';
import { categoryName } from '../insights/labels';

/** The transactions page showing exactly the rows behind a figure. */
export function transactionsHref(filter: TransactionsFilter): string {
  const params = new URLSearchParams();
  params.set('start_date', filter.start_date);
  params.set('end_date', filter.end_date);
  params.set('flow', filter.flow);
  for (const key of ['category', 'subcategory', 'not_category', 'not_subcategory'] as const) {
    for (const value of filter[key]) params.append(key, value);
  }
  if (filter.currency) params.set('currency', filter.currency);
  return `/transactions?${params.toString()}`;
}

/** A month's income, spending or both (its net), as the month bars open them; `currency`
 * for a person with several. */
export function monthFilter(
  month: string,
  flow: TransactionsFilter['flow'],
  currency: string | null = null,
): TransactionsFilter {
  const [year, number] = month.split('-').map(Number);
  const last = new Date(year, number, 0).getDate();
  return {
    start_date: `${month}-01`,
    end_date: `${month}-${String(last).padStart(2, '0')}`,
    flow,
    category: [],
    subcategory: [],
    not_category: [],
    not_subcategory: [],
    currency,
  };
}

/** A node's name as people read it. */
export function nodeLabel(node: FlowNode): string {
  switch (node.kind) {
    case 'income':
      return 'Income';
    case 'savings':
      return 'Saved';
    case 'from_savings':
      return 'From savings';
    case 'source':
      // Plaid's income kinds read without their prefix: "INCOME_WAGES" is "Wages".
      return node.other ? 'Other income' : categoryName(node.name, 'INCOME');
    case 'group':
      return node.other ? 'Other spending' : categoryName(node.name);
  }
}

/** The savings rate as a percentage, or a dash without income; a few cents of income
 * make it huge, past reading: it is then shown as beyond ±999%. */
export function formatRate(rate: string | null): string {
  if (rate === null) return '—';
  const percent = Number(rate) * 100;
  if (percent > 999) return '> 999%';
  if (percent < -999) return '< −999%';
  return `${percent.toFixed(1)}%`;
}

/** The currency a month's rows are limited to: none when the person has only one. */
export function onlyCurrency(data: { currency: string; currencies: string[] }): string | null {
  return data.currencies.length > 1 ? data.currency : null;
}
