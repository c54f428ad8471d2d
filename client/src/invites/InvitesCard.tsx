import { useState } from 'react';
import { errorMessage } from '../api/client';
import type { InviteCreated } from '../api/types';
import { Card, Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { useToast } from '../components/toasts';
import { formatDateTime } from '../lib/format';
import { useCreateInvite, useWithdrawInvite } from './mutations';
import { useInvites } from './queries';

const STATUS = { pending: 'Waiting', used: 'Used', expired: 'Expired' } as const;

/** Single-use sign-up links (SIGNUP=invite); a new link is shown once, to copy. */
export function InvitesCard({ signUp }: { signUp: 'invite' | 'open' | 'closed' }) {
  const invites = useInvites();
  const create = useCreateInvite();
  const withdraw = useWithdrawInvite();
  const toast = useToast();
  const [fresh, setFresh] = useState<InviteCreated | null>(null);

  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      toast('Invite link copied.', 'success');
    } catch {
      toast('Select the link and copy it.', 'info');
    }
  };

  return (
    <Card
      title="Invites"
      actions={
        signUp !== 'closed' && (
          <button
            type="button"
            data-testid="invite-create"
            disabled={create.isPending}
            onClick={() => create.mutate(undefined, { onSuccess: setFresh })}
          >
            New invite link
          </button>
        )
      }
    >
      <p className="muted small">
        {signUp === 'invite' && 'People sign up with a link you send them; each link works once, for 7 days.'}
        {signUp === 'open' && 'Anyone who reaches this server may sign up (SIGNUP=open); invites are not needed.'}
        {signUp === 'closed' && 'Sign-up is closed on this server (SIGNUP=closed).'}
      </p>
      <ErrorText error={create.error} />
      {fresh && (
        <div className="stack" data-testid="invite-fresh">
          <label>
            Send this link to the person you invite (it is shown only now):
            <input readOnly value={fresh.url} onFocus={(e) => e.currentTarget.select()} data-testid="invite-url" />
          </label>
          <div className="row">
            <button type="button" className="button-secondary" onClick={() => void copy(fresh.url)}>
              Copy link
            </button>
          </div>
        </div>
      )}
      {invites.isPending && <Loading />}
      <ErrorText error={invites.error} />
      {invites.data && invites.data.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>Made</th>
              <th>Status</th>
              <th className="hide-narrow">Expires</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {invites.data.map((invite) => (
              <tr key={invite.id} data-testid="invite-row">
                <td>{formatDateTime(invite.created_at)}</td>
                <td data-testid="invite-status">
                  {STATUS[invite.status]}
                  {invite.used_by && ` by ${invite.used_by}`}
                </td>
                <td className="hide-narrow">{formatDateTime(invite.expires_at)}</td>
                <td className="num">
                  {invite.status === 'pending' && (
                    <button
                      type="button"
                      className="link-button danger"
                      data-testid="invite-withdraw"
                      disabled={withdraw.isPending}
                      onClick={() =>
                        withdraw.mutate(invite.id, {
                          onSuccess: () => toast('Invite withdrawn.', 'success'),
                          onError: (e) => toast(errorMessage(e), 'error'),
                        })
                      }
                    >
                      Withdraw
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
