import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { Card } from '../components/Card';
import { CurrentPasswordField } from '../components/CurrentPasswordField';
import { ErrorText } from '../components/ErrorText';
import { useToast } from '../components/toasts';
import { useChangePassword, useDeleteMyAccount, useLogOutEverywhere } from './mutations';

/** Deleting one's own account: their current password, then everything of theirs goes. */
function DeleteAccount({ userId }: { userId: number }) {
  const remove = useDeleteMyAccount(userId);
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    remove.mutate(password, { onSuccess: () => void navigate('/login', { replace: true }) });
  };
  return (
    <form className="stack account-form" onSubmit={onSubmit} aria-label="Delete my account">
      <h3>Delete my account</h3>
      <p className="muted small">
        Your banks are disconnected and your accounts, transactions, budgets and rules are deleted. This cannot be
        undone.
      </p>
      <CurrentPasswordField value={password} onChange={setPassword} testId="delete-account-password" />
      <ErrorText error={remove.error} testId="delete-account-error" />
      <div className="row">
        <button type="submit" className="button-danger" disabled={remove.isPending} data-testid="delete-account">
          Delete my account
        </button>
      </div>
    </form>
  );
}

/** The person's password, sessions and account. */
export function AccountCard({ userId }: { userId: number }) {
  const change = useChangePassword(userId);
  const everywhere = useLogOutEverywhere(userId);
  const toast = useToast();
  const navigate = useNavigate();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const mismatch = again !== '' && again !== next;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (mismatch) return;
    change.mutate(
      { current_password: current, new_password: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setAgain('');
          toast('Password changed. Your other sessions have ended.', 'success');
        },
      },
    );
  };

  return (
    <Card title="Your account">
      <div className="stack-lg">
        <form className="stack account-form" onSubmit={onSubmit} aria-label="Change password">
          <h3>Change password</h3>
          <CurrentPasswordField
            value={current}
            onChange={setCurrent}
            testId="current-password"
            label="Current password"
          />
          <label>
            New password
            <input
              type="password"
              value={next}
              onChange={(e) => setNext(e.target.value)}
              autoComplete="new-password"
              required
              data-testid="new-password"
            />
          </label>
          <label>
            New password, again
            <input
              type="password"
              value={again}
              onChange={(e) => setAgain(e.target.value)}
              autoComplete="new-password"
              required
              aria-invalid={mismatch}
              data-testid="new-password-again"
            />
          </label>
          {mismatch && <ErrorText error="The new passwords differ." />}
          <ErrorText error={change.error} testId="password-error" />
          <div className="row">
            <button type="submit" disabled={change.isPending || mismatch} data-testid="password-change">
              Change password
            </button>
          </div>
        </form>
        <div className="stack">
          <h3>Sessions</h3>
          <p className="muted small">
            Lost a phone, or logged in on someone else&rsquo;s computer? End every session, this one included.
          </p>
          <ErrorText error={everywhere.error} />
          <div className="row">
            <button
              type="button"
              className="button-secondary"
              disabled={everywhere.isPending}
              data-testid="logout-everywhere"
              onClick={() => {
                if (!window.confirm('Log out on every device, this one included?')) return;
                everywhere.mutate(undefined, { onSuccess: () => void navigate('/login', { replace: true }) });
              }}
            >
              Log out everywhere
            </button>
          </div>
        </div>
        <DeleteAccount userId={userId} />
      </div>
    </Card>
  );
}
