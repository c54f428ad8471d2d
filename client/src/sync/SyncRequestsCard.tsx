import { Card, Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { formatDateTime } from '../lib/format';
import { useSyncRequests } from './queries';

/** Syncs that wait to run, and the banks whose syncs gave up after repeated failures. */
export function SyncRequestsCard() {
  const requests = useSyncRequests();
  const data = requests.data;
  return (
    <Card title="Syncs">
      {requests.isPending && <Loading />}
      <ErrorText error={requests.error} />
      {data && (
        <p className="muted small" data-testid="sync-waiting">
          {data.waiting === 0
            ? 'No bank is waiting for a sync.'
            : `${data.waiting} ${data.waiting === 1 ? 'bank is' : 'banks are'} waiting for a sync.`}
        </p>
      )}
      {data && data.dead.length === 0 && (
        <p data-testid="sync-dead-none">Every sync has succeeded or is still being retried.</p>
      )}
      {data && data.dead.length > 0 && (
        <>
          <p>
            These banks&apos; syncs failed every attempt and are no longer retried. The next webhook from Plaid, the
            person&apos;s own sync button or a new login tries again.
          </p>
          <table className="table">
            <thead>
              <tr>
                <th>Bank</th>
                <th>User</th>
                <th>Last error</th>
                <th className="num">Attempts</th>
                <th className="hide-narrow">Gave up</th>
              </tr>
            </thead>
            <tbody>
              {data.dead.map((dead) => (
                <tr key={dead.item_id} data-testid="sync-dead-row" data-item-id={dead.item_id}>
                  <td>{dead.institution_name ?? `Item ${dead.item_id}`}</td>
                  <td>{dead.username}</td>
                  <td>{dead.last_error ?? '—'}</td>
                  <td className="num">{dead.attempts}</td>
                  <td className="hide-narrow">{formatDateTime(dead.dead_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Card>
  );
}
