import type { Transaction } from '../api/types';
import { categoryColor, categoryLabel } from '../lib/categories';
import { formatDate, formatTransactionAmount } from '../lib/format';
import type { TransactionFilters } from './listPage';

interface Props {
  rows: Transaction[];
  filters: TransactionFilters;
  onSort: (sort: string, order: string) => void;
  onEdit: (tx: Transaction) => void;
  /** Show the transactions with this tag. */
  onTag: (tag: string) => void;
  /** Bank names by item id, said beside each account. */
  banks?: ReadonlyMap<number, string>;
  /** The rows picked for a bulk edit, with what picks them. */
  picked?: ReadonlySet<number>;
  onPick?: (id: number, shift: boolean) => void;
  onPickPage?: (on: boolean) => void;
}

const COLUMNS: { key: string; label: string; className?: string }[] = [
  { key: 'date', label: 'Date' },
  { key: 'name', label: 'Name' },
];

/** A split transaction's parts, each with its category and amount (what is counted). */
function SplitParts({ tx }: { tx: Transaction }) {
  const currency = tx.iso_currency_code ?? tx.unofficial_currency_code;
  return (
    <>
      <span className="badge" data-testid="tx-split-badge">
        Split in {tx.splits.length}
      </span>
      <ul className="tx-parts muted small">
        {tx.splits.map((part) => (
          <li key={part.id} data-testid="tx-part">
            <span>{part.category ? categoryLabel(part.category) : 'Uncategorized'}</span>
            <span className="nowrap">{formatTransactionAmount(part.amount, currency).text}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The category and its detailed one, in words. */
function categoryPath(tx: Transaction): string | undefined {
  return (
    [categoryLabel(tx.category), categoryLabel(tx.subcategory, tx.category)].filter(Boolean).join(' › ') || undefined
  );
}

/** The bank's own description, a hover away (the edit dialog shows it too). */
function bankTitle(tx: Transaction): string | undefined {
  const raw = tx.original_name ?? tx.name;
  return raw && raw !== tx.display_name ? `Bank’s description: ${raw}` : undefined;
}

export function TransactionTable({ rows, filters, onSort, onEdit, onTag, banks, picked, onPick, onPickPage }: Props) {
  const sort = filters.sort ?? 'date';
  const order = filters.order ?? 'desc';

  // Newest or oldest first, the rows fall into days: each day's date is shown once.
  const byDay = sort === 'date';
  const firstOfDay = (i: number) => !byDay || i === 0 || rows[i - 1].date !== rows[i].date;

  const header = (key: string, label: string, className?: string) => {
    const active = sort === key;
    const next = active && order === 'desc' ? 'asc' : 'desc';
    return (
      <th key={key} className={className} aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}>
        <button type="button" className="sort-button" onClick={() => onSort(key, next)} data-testid={`tx-sort-${key}`}>
          {label}
          <span className="sort-arrow">{active ? (order === 'asc' ? '▲' : '▼') : ''}</span>
        </button>
      </th>
    );
  };

  return (
    <div className="table-wrap">
      <table className="table tx-table">
        <thead>
          <tr>
            {onPickPage && (
              <th className="pick">
                <input
                  type="checkbox"
                  checked={rows.length > 0 && rows.every((tx) => picked?.has(tx.id))}
                  onChange={(e) => onPickPage(e.target.checked)}
                  aria-label="Pick every transaction on this page"
                  data-testid="tx-pick-page"
                />
              </th>
            )}
            {COLUMNS.map((c) => header(c.key, c.label, c.className))}
            {header('category', 'Category', 'hide-narrow')}
            {header('account', 'Account', 'hide-narrow')}
            {header('amount', 'Amount', 'num')}
          </tr>
        </thead>
        <tbody>
          {rows.map((tx, i) => {
            const amount = formatTransactionAmount(tx.amount, tx.iso_currency_code ?? tx.unofficial_currency_code);
            return (
              <tr
                key={tx.id}
                data-testid="tx-row"
                data-tx-id={tx.id}
                className={
                  [tx.hidden && 'row-hidden', picked?.has(tx.id) && 'row-picked', i > 0 && firstOfDay(i) && 'day-start']
                    .filter(Boolean)
                    .join(' ') || undefined
                }
                onClick={() => onEdit(tx)}
                tabIndex={0}
                onKeyDown={(e) => {
                  if (e.key !== 'Enter' && e.key !== ' ') return;
                  // Else the key goes on to the dialog's first field and submits its form.
                  e.preventDefault();
                  onEdit(tx);
                }}
              >
                {onPick && (
                  <td className="pick" onClick={(e) => e.stopPropagation()}>
                    <input
                      type="checkbox"
                      checked={picked?.has(tx.id) ?? false}
                      // A click's shift key picks the run from the last box clicked.
                      onClick={(e) => onPick(tx.id, e.shiftKey)}
                      onChange={() => undefined}
                      onKeyDown={(e) => e.stopPropagation()}
                      aria-label={`Pick ${tx.display_name}, ${formatDate(tx.date)}`}
                      data-testid="tx-pick"
                    />
                  </td>
                )}
                <td className="nowrap tx-date" data-testid="tx-date">
                  {/* Grouped by day: the date once, on its first row; said on every row. */}
                  <span className={firstOfDay(i) ? undefined : 'visually-hidden'}>{formatDate(tx.date)}</span>
                </td>
                <td className="tx-name-cell">
                  <div className="tx-name" title={bankTitle(tx)} data-testid="tx-name">
                    {tx.logo ? (
                      <img className="tx-logo" src={tx.logo} alt="" width={20} height={20} loading="lazy" />
                    ) : (
                      <span className="tx-logo" aria-hidden="true" />
                    )}
                    <span className="tx-title">{tx.display_name}</span>
                    {tx.pending && <span className="badge">pending</span>}
                    {tx.manually_updated && (
                      <span className="badge" title={`Plaid: ${tx.original_name ?? ''}`}>
                        edited
                      </span>
                    )}
                    {tx.hidden && <span className="badge">hidden</span>}
                    {tx.tags.map((tag) => (
                      <button
                        key={tag}
                        type="button"
                        className="tag"
                        title={`Show the transactions tagged ${tag}`}
                        onClick={(e) => {
                          e.stopPropagation(); // the row's click opens the edit dialog
                          onTag(tag);
                        }}
                        onKeyDown={(e) => e.stopPropagation()}
                        data-testid="tx-tag"
                      >
                        #{tag}
                      </button>
                    ))}
                    {tx.transfer && (
                      <span
                        className="badge badge-transfer"
                        title={`${Number(tx.amount) > 0 ? 'To' : 'From'} ${tx.transfer.other_account_name}: neither spending nor income`}
                        data-testid="tx-transfer-badge"
                      >
                        Transfer
                      </span>
                    )}
                  </div>
                  {tx.note && (
                    <div className="muted small tx-note" data-testid="tx-note">
                      {tx.note}
                    </div>
                  )}
                  <div className="muted small show-narrow">
                    {tx.splits.length ? `Split in ${tx.splits.length}` : categoryPath(tx)} · {tx.account_name}
                    {banks?.get(tx.item_id) && ` · ${banks.get(tx.item_id)}`}
                  </div>
                </td>
                <td className="hide-narrow">
                  {tx.splits.length ? (
                    <SplitParts tx={tx} />
                  ) : (
                    <div className="one-line" title={categoryPath(tx)} data-testid="tx-category">
                      <CategorySwatch code={tx.subcategory ?? tx.category} />
                      {tx.category ? categoryLabel(tx.category) : <span className="muted">—</span>}
                      {tx.subcategory && (
                        <span className="muted small"> › {categoryLabel(tx.subcategory, tx.category)}</span>
                      )}
                    </div>
                  )}
                </td>
                <td className="hide-narrow">
                  <div
                    className="one-line"
                    title={[tx.account_name, banks?.get(tx.item_id)].filter(Boolean).join(' · ')}
                  >
                    {tx.account_name}
                    {banks?.get(tx.item_id) && (
                      <span className="muted small" data-testid="tx-bank">
                        {' '}
                        · {banks.get(tx.item_id)}
                      </span>
                    )}
                  </div>
                </td>
                <td className={`num nowrap amount-${amount.direction}`} data-testid="tx-amount">
                  {amount.text}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The category's colour beside its name, when the person chose one (the name says it in
 * words: the swatch is decoration). */
function CategorySwatch({ code }: { code: string | null }) {
  const color = categoryColor(code);
  if (!color) return null;
  return <span className="swatch category-swatch" style={{ background: color }} aria-hidden="true" />;
}
