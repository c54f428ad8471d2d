import { useState } from 'react';
import { Card, Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { useSetTwoFactorPolicy } from './mutations';
import { useTwoFactorPolicy } from './queries';

/** Administrators: require a second factor of everyone. */
export function TwoFactorPolicyCard() {
  const policy = useTwoFactorPolicy();
  const update = useSetTwoFactorPolicy();
  // The box as clicked while the server is asked (set at once: the mutation's own state
  // comes a tick later, and a controlled box would flip back meanwhile).
  const [asked, setAsked] = useState<boolean | null>(null);
  return (
    <Card title="Two-factor authentication">
      {policy.isPending && <Loading />}
      <ErrorText error={policy.error} />
      {policy.data && (
        <div className="stack">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={asked ?? policy.data.require_two_factor}
              disabled={update.isPending}
              onChange={(e) => {
                setAsked(e.target.checked);
                update.mutate(e.target.checked, { onSettled: () => setAsked(null) });
              }}
              data-testid="require-two-factor"
            />
            Require everyone to log in with a second factor
          </label>
          <p className="muted small">
            People without an authenticator app or a passkey are asked to set one up when they next log in, before
            anything else. Set up your own first (Settings).
          </p>
          <ErrorText error={update.error} testId="require-two-factor-error" />
        </div>
      )}
    </Card>
  );
}
