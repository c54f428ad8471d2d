import { errorMessage } from '../api/client';
import type { Item } from '../api/types';
import { AccountList } from '../accounts/AccountList';
import { Menu } from '../components/Menu';
import { useToast } from '../components/toasts';
import { useInstitution } from '../institutions/queries';
import { formatDateTime } from '../lib/format';
import { useRemoveItem, useResetLogin, useSyncItem } from './mutations';
import { isFirstSyncing, isLoadingHistory } from './queries';

interface Props {
  item: Item;
  canResetLogin: boolean;
  onFixLogin: (itemId: number) => void;
}

export function ItemCard({ item, canResetLogin, onFixLogin }: Props) {
  const institution = useInstitution(item.plaid_institution_id);
  const sync = useSyncItem();
  const remove = useRemoveItem();
  const resetLogin = useResetLogin();
  const toast = useToast();
  const firstSync = isFirstSyncing(item);
  const name = item.institution_name ?? institution.data?.name ?? item.plaid_institution_id;
  const color = institution.data?.primary_color ?? '#64748b';

  const onSync = () =>
    sync.mutate(item.id, {
      onSuccess: (report) =>
        report.error_code
          ? toast(`Syncing ${name} failed (${report.error_code}).`, 'error')
          : toast(
              `${name} synced: ${report.added} added, ${report.modified} modified, ${report.removed} removed.`,
              'success',
            ),
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
    <article
      className="card item-card"
      data-testid="item-card"
      data-item-id={item.id}
      style={{ borderTopColor: color }}
    >
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
              title={item.error_code ?? undefined}
            >
              {item.status === 'good' ? 'Connected' : 'Needs login'}
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
                disabled={sync.isPending}
                onClick={() => {
                  close();
                  onSync();
                }}
              >
                Sync now
              </button>
              {item.status === 'bad' && (
                <button
                  type="button"
                  role="menuitem"
                  data-testid="item-fix-login"
                  onClick={() => {
                    close();
                    onFixLogin(item.id);
                  }}
                >
                  Fix login
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
      {item.status === 'bad' && (
        <p className="warning small">
          {name} needs you to log in again before it can sync.{' '}
          <button type="button" className="link-button" onClick={() => onFixLogin(item.id)}>
            Fix login
          </button>
        </p>
      )}
      <AccountList itemId={item.id} />
    </article>
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
