import { useEffect, useRef, useState } from 'react';
import { useUserAccounts } from '../accounts/queries';
import { accountName } from '../accounts/accountText';
import { useBankNames } from '../items/queries';
import { AmountFilterControls } from './AmountFilterControls';
import type { TransactionFilters } from './listPage';
import { useCategories } from './queries';
import type { FilterPatch } from './useTransactionFilters';
import { categoryLabel } from '../lib/categories';

interface Props {
  userId: number;
  filters: TransactionFilters;
  onChange: (patch: FilterPatch) => void;
  onClear: () => void;
}

const SEP = '\u001f';

export function FiltersBar({ userId, filters, onChange, onClear }: Props) {
  const accounts = useUserAccounts(userId);
  const banks = useBankNames(userId);
  const categories = useCategories(userId);
  const [search, setSearch] = useState(filters.q ?? '');
  const pushed = useRef(filters.q ?? '');

  const pushSearch = (value: string) => {
    pushed.current = value.trim();
    onChange({ q: value.trim() || undefined });
  };

  // Search as the user types, once they pause.
  useEffect(() => {
    if (search.trim() === pushed.current) return;
    const timer = window.setTimeout(() => {
      pushed.current = search.trim();
      onChange({ q: search.trim() || undefined });
    }, 350);
    return () => window.clearTimeout(timer);
  }, [search, onChange]);

  // Follow the URL when it changes from elsewhere (Clear, back button).
  useEffect(() => {
    const q = filters.q ?? '';
    if (q !== pushed.current) {
      pushed.current = q;
      setSearch(q);
    }
  }, [filters.q]);

  const categoryValue = filters.category?.[0]
    ? filters.subcategory?.[0]
      ? `s${SEP}${filters.category[0]}${SEP}${filters.subcategory[0]}`
      : `c${SEP}${filters.category[0]}`
    : '';

  const onCategory = (value: string) => {
    const [kind, category, subcategory] = value.split(SEP);
    if (!kind) onChange({ category: undefined, subcategory: undefined });
    else onChange({ category: [category], subcategory: kind === 's' ? [subcategory] : undefined });
  };

  return (
    <div className="filters">
      <div className="search">
        <input
          type="search"
          placeholder={'Search: words, "a phrase", OR(uber lyft), NOT(refund), tag:trip, category:travel'}
          aria-label="Search transactions"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && pushSearch(search)}
          data-testid="tx-search"
        />
        <p className="muted small help">
          Words must all match · <code>"whole foods"</code> phrase · <code>OR(uber lyft)</code> ·{' '}
          <code>NOT(refund)</code> · <code>category:travel</code> · <code>tag:vacation</code> · <code>12.50</code>{' '}
          amount · <code>Jan 2024</code> month · <code>is:transfer</code> between your accounts
        </p>
      </div>
      <div className="filter-row">
        <label>
          From
          <input
            type="date"
            value={filters.start_date ?? ''}
            onChange={(e) => onChange({ start_date: e.target.value })}
            data-testid="tx-start-date"
          />
        </label>
        <label>
          To
          <input
            type="date"
            value={filters.end_date ?? ''}
            onChange={(e) => onChange({ end_date: e.target.value })}
            data-testid="tx-end-date"
          />
        </label>
        <label>
          Month
          <input
            type="month"
            value={filters.month ?? ''}
            onChange={(e) => onChange({ month: e.target.value })}
            data-testid="tx-month"
          />
        </label>
        <label>
          Account
          <select
            value={filters.account?.[0] ?? ''}
            onChange={(e) => onChange({ account: e.target.value ? [e.target.value] : undefined })}
            data-testid="tx-account"
          >
            <option value="">All accounts</option>
            {accounts.data?.map((a) => (
              <option key={a.id} value={String(a.id)}>
                {accountName(a)}
                {a.mask ? ` ••${a.mask}` : ''}
                {banks.get(a.item_id) ? ` · ${banks.get(a.item_id)}` : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          Category
          <select value={categoryValue} onChange={(e) => onCategory(e.target.value)} data-testid="tx-category">
            <option value="">All categories</option>
            {categories.data?.map((c) => (
              <optgroup key={c.category} label={categoryLabel(c.category)}>
                <option value={`c${SEP}${c.category}`}>All {categoryLabel(c.category)}</option>
                {c.subcategories.map((s) => (
                  <option key={s} value={`s${SEP}${c.category}${SEP}${s}`}>
                    {categoryLabel(s, c.category)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <AmountFilterControls
          value={{ min_amount: filters.min_amount, max_amount: filters.max_amount }}
          onChange={onChange}
        />
        <label>
          Status
          <select
            value={filters.pending ?? ''}
            onChange={(e) => onChange({ pending: e.target.value })}
            data-testid="tx-pending"
          >
            <option value="">Pending and posted</option>
            <option value="true">Pending only</option>
            <option value="false">Posted only</option>
          </select>
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={filters.hidden === 'true'}
            onChange={(e) => onChange({ hidden: e.target.checked ? 'true' : undefined })}
            data-testid="tx-show-hidden"
          />
          Hidden only
        </label>
        <button type="button" className="button-secondary" onClick={onClear}>
          Clear
        </button>
      </div>
      <CashFlowFilter filters={filters} onChange={onChange} />
    </div>
  );
}

const FLOWS: Record<string, string> = {
  income: 'Income',
  spending: 'Spending',
  all: 'Income and spending',
};

/** What a cash-flow figure opened: said in words, since the controls above cannot show it. */
function CashFlowFilter({ filters, onChange }: Pick<Props, 'filters' | 'onChange'>) {
  const subcategoryOnly = !filters.category?.length && filters.subcategory?.length;
  if (!filters.flow && !filters.not_category && !filters.not_subcategory && !subcategoryOnly && !filters.currency)
    return null;
  const names = (values: string[] = []) => values.map((v) => categoryLabel(v) || 'Uncategorized').join(', ');
  const parts = [
    filters.flow && `${FLOWS[filters.flow] ?? filters.flow} as cash flow counts it (no transfers)`,
    subcategoryOnly && `in ${names(filters.subcategory)}`,
    filters.not_category && `not in ${names(filters.not_category)}`,
    filters.not_subcategory && `not in ${names(filters.not_subcategory)}`,
    filters.currency && `in ${filters.currency} only`,
  ].filter(Boolean);
  return (
    <p className="muted small" data-testid="tx-flow-filter">
      {parts.join(' · ')}{' '}
      <button
        type="button"
        className="button-secondary"
        onClick={() =>
          onChange({
            flow: undefined,
            not_category: undefined,
            not_subcategory: undefined,
            currency: undefined,
            ...(subcategoryOnly ? { subcategory: undefined } : {}),
          })
        }
      >
        Show all
      </button>
    </p>
  );
}
