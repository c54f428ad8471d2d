import { useState } from 'react';
import type { Share } from '../api/types';
import { Loading } from '../components/Card';
import { Dialog } from '../components/Dialog';
import { ErrorText } from '../components/ErrorText';
import { useToast } from '../components/toasts';
import { formatDateTime } from '../lib/format';
import { useEndShare, useUpdateShare } from './mutations';
import { useShares } from './queries';
import { ShareForm } from './ShareForm';

/** Who a share is with, in words: a person, or an invite link nobody has taken yet. */
export function shareTarget(share: Share): string {
  if (share.member) return share.member.username;
  const expires = share.invite_expires_at ? `, expires ${formatDateTime(share.invite_expires_at)}` : '';
  return `Invite link, not yet taken${expires}`;
}

/** "view only · 3 accounts · the budget" */
export function shareTerms(share: Pick<Share, 'role' | 'account_ids' | 'budget'>): string {
  const count = share.account_ids.length;
  return [
    share.role === 'edit' ? 'view and edit' : 'view only',
    `${count} account${count === 1 ? '' : 's'}`,
    share.budget && 'the budget',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The shares a person gives, each to change (the same form) or end. */
export function SharesList({ userId, onError }: { userId: number; onError: (error: unknown) => void }) {
  const shares = useShares(userId);
  const end = useEndShare();
  const toast = useToast();
  const [changing, setChanging] = useState<Share | null>(null);

  const onEnd = (share: Share) => {
    const whom = share.member ? `with ${share.member.username}` : 'through this invite link';
    if (!window.confirm(`Stop sharing ${whom}?`)) return;
    end.mutate(share.id, { onSuccess: () => toast('Sharing ended.', 'success'), onError });
  };

  return (
    <>
      <h3>Shared by you</h3>
      {shares.isPending && <Loading />}
      <ErrorText error={shares.error} />
      {shares.data?.length === 0 && <p className="muted small">You share nothing yet.</p>}
      {shares.data && shares.data.length > 0 && (
        <ul className="share-list">
          {shares.data.map((share) => (
            <li key={share.id} className="row spread wrap" data-testid="share-row">
              <span>
                <strong data-testid="share-target">{shareTarget(share)}</strong>
                <span className="muted small" data-testid="share-terms">
                  {' '}
                  · {shareTerms(share)}
                </span>
              </span>
              <span className="row">
                <button
                  type="button"
                  className="link-button"
                  onClick={() => setChanging(share)}
                  aria-label={`Change sharing ${share.member ? `with ${share.member.username}` : 'by invite link'}`}
                  data-testid="share-change"
                >
                  Change
                </button>
                <button
                  type="button"
                  className="link-button danger"
                  disabled={end.isPending}
                  onClick={() => onEnd(share)}
                  aria-label={`End sharing ${share.member ? `with ${share.member.username}` : 'by invite link'}`}
                  data-testid="share-end"
                >
                  End
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {changing && <ChangeShare userId={userId} share={changing} onClose={() => setChanging(null)} />}
    </>
  );
}

function ChangeShare({ userId, share, onClose }: { userId: number; share: Share; onClose: () => void }) {
  const update = useUpdateShare();
  const toast = useToast();
  return (
    <Dialog
      title={`Sharing ${share.member ? `with ${share.member.username}` : 'by invite link'}`}
      onClose={onClose}
      testId="share-change-dialog"
    >
      <ShareForm
        userId={userId}
        share={share}
        busy={update.isPending}
        error={update.error}
        onCancel={onClose}
        onSubmit={({ role, account_ids, budget }) =>
          update.mutate(
            { id: share.id, body: { role, account_ids, budget } },
            {
              onSuccess: () => {
                toast('Sharing changed.', 'success');
                onClose();
              },
            },
          )
        }
      />
    </Dialog>
  );
}
