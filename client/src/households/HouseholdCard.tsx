import { useState } from 'react';
import { errorMessage } from '../api/client';
import type { ShareCreated } from '../api/types';
import { Card } from '../components/Card';
import { useToast } from '../components/toasts';
import { useCreateShare } from './mutations';
import { ReceivedList } from './ReceivedList';
import { SharesList } from './SharesList';
import { ShareForm } from './ShareForm';

/** The link an invite's token makes: the person who opens it (logged in) takes the share. */
export function inviteLink(token: string): string {
  return `${window.location.origin}/household/join?token=${encodeURIComponent(token)}`;
}

/** Settings → Household: money one shares with the people one lives with, and theirs. */
export function HouseholdCard({ userId }: { userId: number }) {
  const create = useCreateShare(userId);
  const toast = useToast();
  const [fresh, setFresh] = useState<ShareCreated | null>(null);
  // A new form after each share: its fields start empty again.
  const [made, setMade] = useState(0);

  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      toast('Invite link copied.', 'success');
    } catch {
      toast('Select the link and copy it.', 'info');
    }
  };

  return (
    <Card title="Household">
      <div className="stack" data-testid="household-card">
        <p className="muted small">
          Share some of your accounts with someone you live with: they see them in Pattern, beside their own money, and
          may edit them if you let them. They never see your other accounts, your rules or your bank logins.
        </p>
        <h3>Share with someone</h3>
        <ShareForm
          key={made}
          userId={userId}
          busy={create.isPending}
          error={create.error}
          onSubmit={(body) =>
            create.mutate(body, {
              onSuccess: (share) => {
                setFresh(share.invite_token ? share : null);
                setMade(made + 1);
                if (share.member) toast(`Shared with ${share.member.username}.`, 'success');
              },
            })
          }
        />
        {fresh?.invite_token && (
          <div className="stack" data-testid="share-invite-fresh">
            <label>
              Send this link to the person you share with (it is shown only now, and expires in 7 days):
              <input
                readOnly
                value={inviteLink(fresh.invite_token)}
                onFocus={(e) => e.currentTarget.select()}
                data-testid="share-invite-url"
              />
            </label>
            <div className="row">
              <button
                type="button"
                className="button-secondary"
                onClick={() => fresh.invite_token && void copy(inviteLink(fresh.invite_token))}
                data-testid="share-invite-copy"
              >
                Copy link
              </button>
              <button type="button" className="button-secondary" onClick={() => setFresh(null)}>
                Done
              </button>
            </div>
          </div>
        )}
        <SharesList userId={userId} onError={(e) => toast(errorMessage(e), 'error')} />
        <ReceivedList userId={userId} onError={(e) => toast(errorMessage(e), 'error')} />
      </div>
    </Card>
  );
}
