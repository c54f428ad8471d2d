import { useState, type FormEvent } from 'react';
import type { CategoryTree, Transaction } from '../api/types';
import { categoryLabel } from '../lib/categories';
import { ErrorText } from '../components/ErrorText';
import { useToast } from '../components/toasts';
import { formatMoney } from '../lib/format';
import { useSplitTransaction, useUnsplitTransaction } from './mutations';
import {
  checkedParts,
  EMPTY_PART,
  evenly,
  leftToAssign,
  MAX_PARTS,
  startingRows,
  withAmount,
  type PartRow,
} from './split';

interface Props {
  transaction: Transaction;
  categories: CategoryTree[] | undefined;
  onBack: () => void;
  onDone: () => void;
}

/** The parts of a transaction, each with its amount, category, note and tags. */
export function SplitEditor({ transaction: tx, categories, onBack, onDone }: Props) {
  const [rows, setRows] = useState(() => startingRows(tx));
  const [firstPinned, setFirstPinned] = useState(tx.splits.length > 0);
  const [tried, setTried] = useState(false);
  const save = useSplitTransaction();
  const unsplit = useUnsplitTransaction();
  const toast = useToast();
  const currency = tx.iso_currency_code ?? tx.unofficial_currency_code;
  const checked = checkedParts(tx, rows);
  const left = leftToAssign(tx, rows);

  const change = (at: number, field: keyof PartRow, value: string) => {
    if (field === 'amount') {
      if (at === 0) setFirstPinned(true);
      setRows(withAmount(tx, rows, at, value, firstPinned));
    } else {
      setRows(rows.map((row, i) => (i === at ? { ...row, [field]: value } : row)));
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!checked.ok) return;
    save.mutate(
      { id: tx.id, body: checked.body },
      {
        onSuccess: () => {
          toast(`Split into ${rows.length} parts.`, 'success');
          onDone();
        },
      },
    );
  };

  const onUnsplit = () =>
    unsplit.mutate(tx.id, {
      onSuccess: () => {
        toast('The transaction is whole again.', 'success');
        onDone();
      },
    });

  return (
    <form className="stack" onSubmit={onSubmit} data-testid="tx-split-editor" noValidate>
      <p className="muted small">
        Split {formatMoney(Math.abs(Number(tx.amount)), currency)} into parts, each counted in budgets, insights and the
        CSV with its own category. A minus makes a part go the other way (cash back, say).
      </p>
      <datalist id="split-categories">
        {categories?.map((c) => (
          <option key={c.category} value={c.category} label={categoryLabel(c.category)} />
        ))}
      </datalist>
      <ol className="split-parts">
        {rows.map((row, at) => (
          <li key={at} className="split-part" data-testid="tx-split-part">
            <div className="grid-2 tight">
              <label>
                Amount
                <input
                  inputMode="decimal"
                  value={row.amount}
                  onChange={(e) => change(at, 'amount', e.target.value)}
                  aria-label={`Part ${at + 1} amount`}
                  data-testid="tx-split-amount"
                />
              </label>
              <label>
                Category
                <input
                  value={row.category}
                  onChange={(e) => change(at, 'category', e.target.value)}
                  list="split-categories"
                  maxLength={255}
                  aria-label={`Part ${at + 1} category`}
                  data-testid="tx-split-category"
                />
              </label>
              <label>
                Subcategory
                <input
                  value={row.subcategory}
                  onChange={(e) => change(at, 'subcategory', e.target.value)}
                  maxLength={255}
                  aria-label={`Part ${at + 1} subcategory`}
                />
              </label>
              <label>
                Tags
                <input
                  value={row.tags}
                  onChange={(e) => change(at, 'tags', e.target.value)}
                  aria-label={`Part ${at + 1} tags`}
                  data-testid="tx-split-tags"
                />
              </label>
            </div>
            <div className="row">
              <label className="grow">
                Note
                <input
                  value={row.note}
                  onChange={(e) => change(at, 'note', e.target.value)}
                  maxLength={2000}
                  aria-label={`Part ${at + 1} note`}
                  data-testid="tx-split-note"
                />
              </label>
              <button
                type="button"
                className="button-secondary"
                onClick={() => setRows(rows.filter((_, i) => i !== at))}
                disabled={rows.length <= 2}
                aria-label={`Remove part ${at + 1}`}
              >
                Remove
              </button>
            </div>
          </li>
        ))}
      </ol>
      <div className="row spread">
        <div className="row">
          <button
            type="button"
            className="button-secondary"
            onClick={() => setRows([...rows, { ...EMPTY_PART }])}
            disabled={rows.length >= MAX_PARTS}
            data-testid="tx-split-add"
          >
            Add a part
          </button>
          <button type="button" className="button-secondary" onClick={() => setRows(evenly(tx, rows))}>
            Split evenly
          </button>
        </div>
        <span
          className={left === 0 ? 'muted small' : 'small split-unassigned'}
          aria-live="polite"
          data-testid="tx-split-left"
        >
          {left === 0
            ? 'Every cent assigned.'
            : left > 0
              ? `${formatMoney(left / 100, currency)} left to assign`
              : `${formatMoney(-left / 100, currency)} over`}
        </span>
      </div>
      {tried && !checked.ok && (
        <p className="error small" role="alert" data-testid="tx-split-problem">
          {checked.problem}
        </p>
      )}
      <ErrorText error={save.error ?? unsplit.error} />
      <div className="row spread">
        <div className="row">
          <button type="button" className="button-secondary" onClick={onBack}>
            Back
          </button>
          {tx.splits.length > 0 && (
            <button
              type="button"
              className="button-secondary"
              onClick={onUnsplit}
              disabled={unsplit.isPending}
              data-testid="tx-unsplit"
            >
              Unsplit
            </button>
          )}
        </div>
        <button type="submit" disabled={save.isPending} data-testid="tx-split-save">
          Save split
        </button>
      </div>
    </form>
  );
}
