import { useEffect, useState } from 'react';
import type { Transaction } from '../api/types';
import { Card, Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { BulkBar } from '../transactions/BulkBar';
import { EditTransactionDialog } from '../transactions/EditTransactionDialog';
import { FiltersBar } from '../transactions/FiltersBar';
import { FiltersFold } from './FiltersFold';
import { useViewing } from '../households/viewing';
import { useBankNames } from '../items/queries';
import { Pagination } from '../transactions/Pagination';
import { filtersQuery } from '../transactions/listPage';
import { useTransactions } from '../transactions/queries';
import { clicked, NOTHING, wholePage } from '../transactions/selection';
import { TransactionTable } from '../transactions/TransactionTable';
import { useTransactionFilters } from '../transactions/useTransactionFilters';

const ids = (rows: Transaction[]) => rows.map((tx) => tx.id);

export function TransactionsPage() {
  // One's own money, or someone's shared with one: "view only" offers no edits.
  const { userId, share, canEdit } = useViewing();
  const { filters, page, size, update, setPage, setSize, clear } = useTransactionFilters();
  const list = useTransactions(userId, filters, page, size);
  const banks = useBankNames(userId);
  const [editing, setEditing] = useState<Transaction | null>(null);
  // The rows picked for a bulk edit: dropped when the filters change (another list).
  const [selection, setSelection] = useState(NOTHING);
  const listed = filtersQuery(filters);
  const [pickedFrom, setPickedFrom] = useState(listed);
  if (pickedFrom !== listed) {
    setPickedFrom(listed);
    setSelection(NOTHING);
  }
  // The last list the server gave: a search refused half-typed ("OR(") says why above it
  // instead of replacing it.
  const [shown, setShown] = useState(list.data);
  if (list.data && list.data !== shown) setShown(list.data);
  const total = shown?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / size));
  const pastTheEnd = list.data !== undefined && !list.isPlaceholderData && page >= pages && total > 0;

  // A page past the end (an old link, rows gone since) shows the last page instead.
  useEffect(() => {
    if (pastTheEnd) setPage(pages - 1, { replace: true });
  }, [pastTheEnd, pages, setPage]);

  const turnTo = (next: number) => {
    setPage(next);
    window.scrollTo(0, 0); // a new page starts at its top, not where the last one ended
  };

  return (
    <div className="stack-lg">
      <Card
        title="Transactions"
        actions={
          <a
            className="button button-secondary"
            href={`/api/users/${userId}/transactions.csv${filtersQuery(filters)}`}
            download
            data-testid="tx-export"
          >
            Export CSV
          </a>
        }
      >
        <FiltersFold filters={filters}>
          <FiltersBar userId={userId} filters={filters} onChange={update} onClear={clear} />
        </FiltersFold>
      </Card>
      <Card>
        {list.isPending && <Loading />}
        <ErrorText error={list.error} />
        {shown && (
          <>
            <p className="muted small">
              <span data-testid="tx-total-count">{total}</span> transaction{total === 1 ? '' : 's'}
              {list.isFetching && ' · updating…'}
            </p>
            {canEdit && (selection.ids.size > 0 || selection.allMatching) && (
              <BulkBar
                userId={userId}
                filters={filters}
                selection={selection}
                total={total}
                wholePage={shown.rows.every((tx) => selection.ids.has(tx.id))}
                onSelectAll={() => setSelection({ ...selection, allMatching: true })}
                onClear={() => setSelection(NOTHING)}
              />
            )}
            {pastTheEnd ? null : shown.rows.length === 0 ? (
              <p className="muted" data-testid="tx-empty">
                {Object.keys(filters).length > 0
                  ? 'No transactions match.'
                  : share
                    ? 'No transactions in the accounts shared with you yet.'
                    : 'No transactions yet. Link a bank on the Home page to import them.'}
              </p>
            ) : (
              <TransactionTable
                rows={shown.rows}
                filters={filters}
                onSort={(sort, order) => update({ sort, order })}
                onEdit={setEditing}
                onTag={(tag) => update({ q: `tag:${tag}` })}
                banks={banks}
                picked={selection.allMatching ? new Set(shown.rows.map((tx) => tx.id)) : selection.ids}
                onPick={
                  canEdit ? (id, shift) => setSelection(clicked(selection, id, shift, ids(shown.rows))) : undefined
                }
                onPickPage={canEdit ? (on) => setSelection(wholePage(selection, ids(shown.rows), on)) : undefined}
              />
            )}
            {total > 0 && <Pagination page={page} pages={pages} size={size} onPage={turnTo} onSize={setSize} />}
          </>
        )}
      </Card>
      {editing && (
        <EditTransactionDialog
          userId={userId}
          transaction={editing}
          access={share ? share.role : 'own'}
          ruleAccounts={share?.account_ids}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}
