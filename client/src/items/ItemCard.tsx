import { errorMessage } from '../api/client';
import type { CSSProperties } from 'react';
import type { Item } from '../api/types';
import { AccountList } from '../accounts/AccountList';
import { Menu } from '../components/Menu';
import { useToast } from '../components/toasts';
import { useInstitution } from '../institutions/queries';
import { readableOn } from '../lib/contrast';
import { formatDateTime } from '../lib/format';
import { describeProblem, type Problem } from '../lib/plaidProblems';
import { useRemoveItem, useResetLogin, useSyncItem } from './mutations';
import { isFirstSyncing, isLoadingHistory } from './queries';

interface Props {
  item: Item;
  canResetLogin: boolean;
  onFixLogin: (itemId: number) => void;
  onAddAccounts: (itemId: number) => void;
}

export function ItemCard({ item, canResetLogin, onFixLogin, onAddAccounts }: Props) {
  const institution = useInstitution(item.plaid_institution_id);
  const sync = useSyncItem();
  const remove = useRemoveItem();
  const resetLogin = useResetLogin();
  const toast = useToast();
  const firstSync = isFirstSyncing(item);
  const name = item.institution_name ?? institution.data?.name ?? item.plaid_institution_id;
  const color = institution.data?.primary_color ?? '#64748b';
  const problem = itemProblem(item, name);

  // Refresh asks the bank (through Plaid) for new transactions, which arrive live later,
  // and syncs what Plaid has now: the toast says both.
  const onRefresh = () =>
    sync.mutate(item.id, {
      onSuccess: (report) => {
        if (report.error_code) {
          toast(problemText(describeProblem(report.error_code, name)), 'error');
          return;
        }
        const synced = `${name} synced: ${report.added} added, ${report.modified} modified, ${report.removed} removed.`;
        toast(
          report.message ? `${synced} ${report.message}` : synced,
          report.bank_refresh === 'asked' || !report.bank_refresh ? 'success' : 'info',
        );
      },
      onError: (e) => toast(errorMessage(e), 'error'),
    });

  const onRemove = () => {
    if (!window.confirm(`Remove ${name} with its accounts and transactions?`)) return;
    remove.mutate(item.id, {
      onSuccess: () => toast(`${name} removed.`, 'success'),
      onError: (e) => toast(errorMessage(e), 'error'),
    });
  };

  const onResetLogin = () =>
    resetLogin.mutate(item.id, {
      onSuccess: () => toast(`${name} now needs a new login.`, 'info'),
      onError: (e) => toast(errorMessage(e), 'error'),
    });

  return (
    <article className="card item-card" data-testid="item-card" data-item-id={item.id} style={brandColors(color)}>
      <header className="item-header">
        {institution.data?.logo ? (
          <img className="logo" src={`data:image/png;base64,${institution.data.logo}`} alt="" />
        ) : (
          <span className="logo logo-placeholder" style={{ background: color }}>
            {name.slice(0, 1)}
          </span>
        )}
        <div className="item-title">
          <h3 title={name}>{name}</h3>
          <div className="item-meta">
            <span
              className={`badge ${item.status === 'good' ? 'badge-good' : 'badge-bad'}`}
              data-testid="item-status"
              data-status={item.status}
            >
              {item.status === 'good' ? 'Connected' : problem?.badge}
            </span>
            <SyncState
              syncing={sync.isPending || (firstSync && !isLoadingHistory(item))}
              history={isLoadingHistory(item) ? (item.transactions_so_far ?? 0) : null}
              lastSyncedAt={item.last_synced_at}
            />
          </div>
        </div>
        <Menu label={`Actions for ${name}`} testId="item-menu">
          {(close) => (
            <>
              <button
                type="button"
                role="menuitem"
                data-testid="item-sync"
                title="Ask the bank for new transactions, and sync"
                disabled={sync.isPending}
                onClick={() => {
                  close();
                  onRefresh();
                }}
              >
                Refresh
              </button>
              <button
                type="button"
                role="menuitem"
                data-testid="item-add-accounts"
                onClick={() => {
                  close();
                  onAddAccounts(item.id);
                }}
              >
                Add accounts
              </button>
              {item.status === 'bad' && problem?.fix?.kind === 'login' && (
                <button
                  type="button"
                  role="menuitem"
                  data-testid="item-fix-login"
                  onClick={() => {
                    close();
                    onFixLogin(item.id);
                  }}
                >
                  {problem.fix.label}
                </button>
              )}
              {canResetLogin && (
                <button
                  type="button"
                  role="menuitem"
                  data-testid="item-reset-login"
                  onClick={() => {
                    close();
                    onResetLogin();
                  }}
                >
                  Reset login (test)
                </button>
              )}
              <button
                type="button"
                role="menuitem"
                className="danger"
                data-testid="item-remove"
                onClick={() => {
                  close();
                  onRemove();
                }}
              >
                Remove
              </button>
            </>
          )}
        </Menu>
      </header>
      {problem && (
        <ProblemNotice
          problem={problem}
          busy={sync.isPending}
          onFix={problem.fix?.kind === 'login' ? () => onFixLogin(item.id) : onRefresh}
        />
      )}
      {item.new_accounts_available && item.status === 'good' && (
        <p className="notice small" data-testid="item-new-accounts">
          {name} has new accounts you can add.{' '}
          <button type="button" className="link-button" onClick={() => onAddAccounts(item.id)}>
            Add accounts
          </button>
        </p>
      )}
      <AccountList itemId={item.id} />
    </article>
  );
}

/** What needs the person (status bad), else why the last sync failed, if it did. */
function itemProblem(item: Item, bank: string): Problem | null {
  if (item.status === 'bad') return describeProblem(item.error_code ?? 'ITEM_LOGIN_REQUIRED', bank);
  return item.sync_error_code ? describeProblem(item.sync_error_code, bank) : null;
}

function problemText(problem: Problem): string {
  return `${problem.what} ${problem.todo}`;
}

function ProblemNotice({ problem, busy, onFix }: { problem: Problem; busy: boolean; onFix: () => void }) {
  return (
    <p className="warning small" data-testid="item-problem">
      <strong>{problem.what}</strong> {problem.todo}{' '}
      {problem.fix && (
        <button type="button" className="link-button" disabled={problem.fix.kind === 'sync' && busy} onClick={onFix}>
          {problem.fix.label}
        </button>
      )}
    </p>
  );
}

interface SyncStateProps {
  syncing: boolean;
  /** While the bank's history is still loading: the transactions stored so far. */
  history: number | null;
  lastSyncedAt: string | null;
}

function SyncState({ syncing, history, lastSyncedAt }: SyncStateProps) {
  return (
    <span className="muted small sync-state" role="status" data-testid="item-sync-state" data-syncing={syncing}>
      {history !== null ? (
        <>
          <span className="spinner" aria-hidden="true" />
          {history === 0
            ? 'Loading your history…'
            : `Loading your history: ${history.toLocaleString('en-US')} ${history === 1 ? 'transaction' : 'transactions'} so far`}
        </>
      ) : syncing ? (
        <>
          <span className="spinner" aria-hidden="true" />
          Syncing…
        </>
      ) : lastSyncedAt ? (
        `synced ${formatDateTime(lastSyncedAt)}`
      ) : (
        'not synced yet'
      )}
    </span>
  );
}

// The cards' colours in each scheme (styles.css --card): the bank's colour as its top border,
// lifted where it would vanish (a near-black bank on the dark card).
const CARD_LIGHT = '#ffffff';
const CARD_DARK = '#151e2e';

function brandColors(color: string): CSSProperties {
  return {
    '--brand-on-light': readableOn(color, CARD_LIGHT),
    '--brand-on-dark': readableOn(color, CARD_DARK),
  } as CSSProperties;
}
