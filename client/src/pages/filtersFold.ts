import type { TransactionFilters } from '../transactions/listPage';

// Not filters of the folded panel: the search (always shown), the order, and cash flow's
// click-through (said above the list with its own button).
const NOT_FOLDED = new Set(['q', 'sort', 'order', 'flow']);
// Asked for in one control each: counted once.
const ONE_CONTROL: Record<string, string> = { end_date: 'start_date', max_amount: 'min_amount' };

/** How many of the folded panel's filters are in use (the "Filters" button says it). */
export function activeFilterCount(filters: TransactionFilters): number {
  const used = new Set<string>();
  for (const [key, value] of Object.entries(filters) as [string, unknown][]) {
    const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
    if (empty || NOT_FOLDED.has(key)) continue;
    used.add(ONE_CONTROL[key] ?? key);
  }
  return used.size;
}
