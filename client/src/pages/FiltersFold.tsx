import { useState, type ReactNode } from 'react';
import type { TransactionFilters } from '../transactions/listPage';
import { activeFilterCount } from './filtersFold';

/** The filters below the search are folded until the "Filters" button, which says how
 * many are in use, opens them (styles.css): the list starts high on every screen. */
export function FiltersFold({ filters, children }: { filters: TransactionFilters; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const count = activeFilterCount(filters);
  return (
    <div className={`filters-fold stack${open ? ' open' : ''}`} id="tx-filters">
      {children}
      <button
        type="button"
        className="button-secondary filters-toggle"
        aria-expanded={open}
        aria-controls="tx-filters"
        onClick={() => setOpen((o) => !o)}
        data-testid="tx-filters-toggle"
      >
        {open ? 'Hide filters' : 'Filters'}
        {count > 0 && (
          <span className="badge" data-testid="tx-filters-count">
            {count}
            <span className="visually-hidden"> in use</span>
          </span>
        )}
      </button>
    </div>
  );
}
