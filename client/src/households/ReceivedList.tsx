import { Link } from 'react-router-dom';
import type { ReceivedShare } from '../api/types';
import { Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { useToast } from '../components/toasts';
import { useEndShare } from './mutations';
import { useSharedWithMe } from './queries';
import { moneyOf, sharedBase } from './viewing';

/** "alice shares 3 accounts and the budget with you, view only" */
export function receivedText(share: ReceivedShare): string {
  const count = share.account_ids.length;
  const what = [`${count} account${count === 1 ? '' : 's'}`, share.budget && 'the budget']
    .filter(Boolean)
    .join(' and ');
  return `${share.owner.username} shares ${what} with you, ${share.role === 'edit' ? 'view and edit' : 'view only'}`;
}

/** The shares a person receives: to look at, or leave. */
export function ReceivedList({ userId, onError }: { userId: number; onError: (error: unknown) => void }) {
  const received = useSharedWithMe(userId);
  const leave = useEndShare();
  const toast = useToast();

  const onLeave = (share: ReceivedShare) => {
    if (!window.confirm(`Stop seeing ${moneyOf(share.owner.username)}?`)) return;
    leave.mutate(share.id, { onSuccess: () => toast('You left the share.', 'success'), onError });
  };

  return (
    <>
      <h3>Shared with you</h3>
      {received.isPending && <Loading />}
      <ErrorText error={received.error} />
      {received.data?.length === 0 && <p className="muted small">Nobody shares their money with you.</p>}
      {received.data && received.data.length > 0 && (
        <ul className="share-list">
          {received.data.map((share) => (
            <li key={share.id} className="row spread wrap" data-testid="received-row">
              <span data-testid="received-text">{receivedText(share)}</span>
              <span className="row">
                <Link to={sharedBase(share.owner.id)} aria-label={`Show ${moneyOf(share.owner.username)}`}>
                  Show
                </Link>
                <button
                  type="button"
                  className="link-button danger"
                  disabled={leave.isPending}
                  onClick={() => onLeave(share)}
                  aria-label={`Leave ${moneyOf(share.owner.username)}`}
                  data-testid="received-leave"
                >
                  Leave
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
