import { Card, Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { useSetTwoFactorPolicy } from './mutations';
import { useTwoFactorPolicy } from './queries';

/** Administrators: require a second factor of everyone. */
export function TwoFactorPolicyCard() {
  const policy = useTwoFactorPolicy();
  const update = useSetTwoFactorPolicy();
  return (
    <Card title="Two-factor authentication">
      {policy.isPending && <Loading />}
      <ErrorText error={policy.error} />
      {policy.data && (
        <div className="stack">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={update.isPending ? update.variables : policy.data.require_two_factor}
              disabled={update.isPending}
              onChange={(e) => update.mutate(e.target.checked)}
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
