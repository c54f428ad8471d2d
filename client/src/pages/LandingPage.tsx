import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../api/client';
import type { AppConfig } from '../api/types';
import { useLogin, useSignup } from '../auth/mutations';
import { useMe } from '../auth/queries';
import { Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { useConfig } from '../config/queries';

function describe(error: unknown): string {
  if (error instanceof ApiError && error.status === 429 && error.retryAfter) {
    const minutes = Math.ceil(error.retryAfter / 60);
    return `${error.message} Try again in ${error.retryAfter < 120 ? `${error.retryAfter} seconds` : `${minutes} minutes`}.`;
  }
  return errorMessage(error);
}

/** What the page offers: the administrator's set-up, an invite's sign-up, or log-in. */
type Mode = 'setup' | 'invite' | 'login';

function modeOf(config: AppConfig, invite: string | null): Mode {
  if (config.setup_required) return 'setup';
  if (invite && config.sign_up !== 'closed') return 'invite';
  return 'login';
}

const TITLES: Record<Mode, string> = {
  setup: 'Create the administrator account',
  invite: 'You are invited: create your account',
  login: 'Log in',
};

export function LandingPage() {
  const me = useMe();
  const config = useConfig();
  const [params] = useSearchParams();
  if (me.data) return <Navigate to="/" replace />;
  if (config.isPending)
    return (
      <main className="landing">
        <Loading />
      </main>
    );
  if (!config.data)
    return (
      <main className="landing">
        <ErrorText error={config.error} />
      </main>
    );
  return <LandingForm config={config.data} invite={params.get('invite')} />;
}

function LandingForm({ config, invite }: { config: AppConfig; invite: string | null }) {
  const navigate = useNavigate();
  const login = useLogin();
  const signup = useSignup();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [lastAction, setLastAction] = useState<'login' | 'signup'>('login');
  const mode = modeOf(config, invite);
  const signsUp = mode !== 'login';

  const busy = login.isPending || signup.isPending;
  const error = lastAction === 'login' ? login.error : signup.error;

  const run = (action: 'login' | 'signup') => {
    setLastAction(action);
    login.reset();
    signup.reset();
    const credentials = { username: username.trim(), password };
    const done = { onSuccess: () => navigate('/', { replace: true }) };
    if (action === 'login') login.mutate(credentials, done);
    else if (mode === 'setup') signup.mutate({ ...credentials, setup_code: code.trim() }, done);
    else if (mode === 'invite' && invite) signup.mutate({ ...credentials, invite_code: invite }, done);
    else signup.mutate(credentials, done);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    run(signsUp ? 'signup' : 'login');
  };

  return (
    <main className="landing">
      <div className="landing-intro">
        <h1>Pattern</h1>
        <p>Your accounts, transactions and net worth in one place — on your own server.</p>
      </div>
      <form className="card landing-form stack" onSubmit={onSubmit}>
        <h2>{TITLES[mode]}</h2>
        {mode === 'setup' && (
          <p className="small" data-testid="setup-explained">
            This server has no administrator yet. When it started, it printed a one-time setup code on its console (and
            keeps it in the file <code>setup-code</code> of its data folder). Enter it below to make your account the
            administrator — or run <code>python -m pattern create-admin</code> on the server.
          </p>
        )}
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
            autoComplete={signsUp || lastAction === 'signup' ? 'new-password' : 'current-password'}
            required
            data-testid="password"
          />
        </label>
        {mode === 'setup' && (
          <label>
            Setup code
            <input
              value={code}
              onChange={(e) => setCode(e.target.value)}
              autoComplete="one-time-code"
              spellCheck={false}
              required
              placeholder="XXXX-XXXX-XXXX"
              data-testid="setup-code"
            />
          </label>
        )}
        {error && <ErrorText error={describe(error)} testId="auth-error" />}
        <div className="row">
          {signsUp ? (
            <button type="submit" disabled={busy} data-testid="signup">
              {mode === 'setup' ? 'Create administrator' : 'Sign up'}
            </button>
          ) : (
            <>
              <button type="submit" disabled={busy} data-testid="login">
                Log in
              </button>
              {config.sign_up === 'open' && (
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
              )}
            </>
          )}
        </div>
        {signsUp && (
          <p className="muted small">
            Usernames: 3–32 letters, digits, “.”, “_” or “-”. Passwords: at least 8 characters mixing letters with
            digits or symbols.
          </p>
        )}
        {mode === 'login' && config.sign_up === 'invite' && (
          <p className="muted small" data-testid="invite-only">
            New here? Sign-up is by invitation: ask the administrator for an invite link.
          </p>
        )}
        {mode === 'invite' && (
          <p className="muted small">
            Already have an account? <a href="/login">Log in</a>.
          </p>
        )}
      </form>
    </main>
  );
}
