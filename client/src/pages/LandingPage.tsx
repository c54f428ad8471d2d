import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate } from 'react-router-dom';
import { ApiError, errorMessage } from '../api/client';
import { useLogin, useSignup } from '../auth/mutations';
import { useMe } from '../auth/queries';
import { ErrorText } from '../components/ErrorText';

function describe(error: unknown): string {
  if (error instanceof ApiError && error.status === 429 && error.retryAfter) {
    const minutes = Math.ceil(error.retryAfter / 60);
    return `${error.message} Try again in ${error.retryAfter < 120 ? `${error.retryAfter} seconds` : `${minutes} minutes`}.`;
  }
  return errorMessage(error);
}

export function LandingPage() {
  const me = useMe();
  const navigate = useNavigate();
  const login = useLogin();
  const signup = useSignup();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [lastAction, setLastAction] = useState<'login' | 'signup'>('login');

  if (me.data) return <Navigate to="/" replace />;

  const busy = login.isPending || signup.isPending;
  const error = lastAction === 'login' ? login.error : signup.error;

  const run = (action: 'login' | 'signup') => {
    setLastAction(action);
    login.reset();
    signup.reset();
    const mutation = action === 'login' ? login : signup;
    mutation.mutate({ username: username.trim(), password }, { onSuccess: () => navigate('/', { replace: true }) });
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    run('login');
  };

  return (
    <main className="landing">
      <div className="landing-intro">
        <h1>Pattern</h1>
        <p>Your accounts, transactions and net worth in one place — on your own server.</p>
      </div>
      <form className="card landing-form stack" onSubmit={onSubmit}>
        <h2>Log in or sign up</h2>
        <label>
          Username
          <input
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoComplete="username"
            autoFocus
            required
            data-testid="username"
          />
        </label>
        <label>
          Password
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete={lastAction === 'signup' ? 'new-password' : 'current-password'}
            required
            data-testid="password"
          />
        </label>
        {error && <ErrorText error={describe(error)} testId="auth-error" />}
        <div className="row">
          <button type="submit" disabled={busy} data-testid="login">
            Log in
          </button>
          <button
            type="button"
            className="button-secondary"
            disabled={busy}
            onClick={(e) => {
              const form = e.currentTarget.form;
              if (form && !form.reportValidity()) return;
              run('signup');
            }}
            data-testid="signup"
          >
            Sign up
          </button>
        </div>
        <p className="muted small">
          Usernames: 3–32 letters, digits, “.”, “_” or “-”. Passwords: at least 8 characters mixing letters with digits or
          symbols. The first account is the administrator.
        </p>
      </form>
    </main>
  );
}
