import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import type { AppConfig, SecondFactorMethod } from '../api/types';
import { needsSecondFactor, useLogin, useSignup } from '../auth/mutations';
import { useMe } from '../auth/queries';
import { Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { useConfig } from '../config/queries';
import { SSO_LOGIN_URL, ssoErrorMessage } from '../sso/ssoErrors';
import { PasskeyLoginButton } from '../two-factor/PasskeyLoginButton';
import { SecondFactorForm } from '../two-factor/SecondFactorForm';

/** Where a person was sent here from (a deep link opened while logged out), if in the app. */
function returnTo(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login')
    ? from
    : '/';
}

/** What the page offers: the administrator's set-up, an invite's sign-up, open sign-up
 * (chosen from the log-in form), or log-in. */
type Mode = 'setup' | 'invite' | 'signup' | 'login';

function modeOf(config: AppConfig, invite: string | null, chosen: boolean): Mode {
  if (config.setup_required) return 'setup';
  if (invite && config.sign_up !== 'closed') return 'invite';
  if (chosen && config.sign_up === 'open') return 'signup';
  return 'login';
}

const TITLES: Record<Mode, string> = {
  setup: 'Create the administrator account',
  invite: 'You are invited: create your account',
  signup: 'Create your account',
  login: 'Log in',
};

const MISMATCH = 'The two passwords differ: type the same one twice.';

export function LandingPage() {
  const me = useMe();
  const config = useConfig();
  const [params] = useSearchParams();
  const location = useLocation();
  const target = returnTo(location.state);
  if (me.data && !me.isPlaceholderData) return <Navigate to={target} replace />;
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
  return (
    <LandingForm
      config={config.data}
      invite={params.get('invite')}
      target={target}
      ssoError={ssoErrorMessage(params.get('sso_error'))}
    />
  );
}

function SsoButton({ name, invite = null }: { name: string; invite?: string | null }) {
  // With an invite, the provider's sign-in makes the account the invite is for.
  const href = invite ? `${SSO_LOGIN_URL}?${new URLSearchParams({ invite }).toString()}` : SSO_LOGIN_URL;
  return (
    <a className="button" href={href} data-testid="sso-login">
      Sign in with {name}
    </a>
  );
}

type FormProps = { config: AppConfig; invite: string | null; target: string; ssoError: string | null };

function LandingForm({ config, invite, target, ssoError }: FormProps) {
  const navigate = useNavigate();
  const login = useLogin();
  const signup = useSignup({ passwordLogin: config.password_login });
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [code, setCode] = useState('');
  const [chosenSignup, setChosenSignup] = useState(false);
  const [mismatch, setMismatch] = useState(false);
  // The password was right; these second factors complete the log-in.
  const [secondStep, setSecondStep] = useState<SecondFactorMethod[] | null>(null);
  const mode = modeOf(config, invite, chosenSignup);
  const signsUp = mode !== 'login';
  const sso = config.sso_enabled && config.sso_name ? config.sso_name : null;
  // Single sign-on only: the log-in is its button alone, and so is signing up (the server
  // makes no password accounts then), except the administrator's with the setup code.
  const ssoOnly = mode !== 'setup' && !config.password_login && sso !== null;

  const busy = login.isPending || signup.isPending;
  const error = mismatch ? MISMATCH : signsUp ? signup.error : login.error;

  const switchTo = (signUp: boolean) => {
    setChosenSignup(signUp);
    setConfirm('');
    setMismatch(false);
    login.reset();
    signup.reset();
  };

  const done = () => void navigate(target, { replace: true });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    login.reset();
    signup.reset();
    const mismatched = signsUp && confirm !== password;
    setMismatch(mismatched);
    if (mismatched) return;
    const credentials = { username: username.trim(), password };
    if (mode === 'login')
      login.mutate(credentials, {
        onSuccess: (answer) => {
          if (needsSecondFactor(answer)) {
            setPassword('');
            setSecondStep(answer.methods);
          } else done();
        },
      });
    else if (mode === 'setup') signup.mutate({ ...credentials, setup_code: code.trim() }, { onSuccess: done });
    else if (mode === 'invite' && invite) signup.mutate({ ...credentials, invite_code: invite }, { onSuccess: done });
    else signup.mutate(credentials, { onSuccess: done });
  };

  const intro = (
    <div className="landing-intro">
      <h1>Pattern</h1>
      <p>Your accounts, transactions and net worth in one place — on your own server.</p>
    </div>
  );
  if (secondStep)
    return (
      <main className="landing">
        {intro}
        <SecondFactorForm
          methods={secondStep}
          onDone={done}
          onRestart={() => {
            login.reset();
            setSecondStep(null);
          }}
          passkey={secondStep.includes('passkey') && <PasskeyLoginButton onDone={done} label="Use a passkey" />}
        />
      </main>
    );

  if (ssoOnly)
    return (
      <main className="landing">
        {intro}
        <div className="card landing-form stack">
          <h2>{mode === 'invite' ? TITLES.invite : TITLES.login}</h2>
          {mode === 'invite' && (
            <p className="small" data-testid="sso-invite">
              This server signs in with {sso}: sign in there, and your account here is made with the name you have
              there.
            </p>
          )}
          {ssoError && <ErrorText error={ssoError} testId="sso-error" />}
          <div className="row">
            <SsoButton name={sso} invite={mode === 'invite' ? invite : null} />
          </div>
        </div>
      </main>
    );

  return (
    <main className="landing">
      {intro}
      <form className="card landing-form stack" onSubmit={onSubmit}>
        <h2>{TITLES[mode]}</h2>
        {mode === 'setup' && (
          <p className="small" data-testid="setup-explained">
            This server has no administrator yet. When it started, it printed a one-time setup code on its console (and
            keeps it in the file <code>setup-code</code> of its data folder). Enter it below to make your account the
            administrator — or run <code>python -m pattern create-admin</code> on the server.
          </p>
        )}
        {signsUp && !config.password_login && sso && (
          <p className="small" data-testid="sso-username-hint">
            This server logs in with {sso}: choose the username you have there, and you will sign in with it next.
          </p>
        )}
        {mode === 'login' && ssoError && <ErrorText error={ssoError} testId="sso-error" />}
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
            autoComplete={signsUp ? 'new-password' : 'current-password'}
            required
            data-testid="password"
          />
        </label>
        {signsUp && (
          <label>
            Password again
            <input
              type="password"
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
              autoComplete="new-password"
              required
              data-testid="password-confirm"
            />
          </label>
        )}
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
        {error && <ErrorText error={error} testId="auth-error" />}
        <div className="row">
          {signsUp ? (
            <button type="submit" disabled={busy} data-testid="signup">
              {mode === 'setup' ? 'Create administrator' : 'Sign up'}
            </button>
          ) : (
            <button type="submit" disabled={busy} data-testid="login">
              Log in
            </button>
          )}
        </div>
        {signsUp && (
          <p className="muted small">
            Usernames: 3–32 letters, digits, “.”, “_” or “-”. Passwords: at least 8 characters mixing letters with
            digits or symbols.
          </p>
        )}
        {mode === 'login' && sso && <SsoButton name={sso} />}
        {mode === 'login' && <PasskeyLoginButton onDone={done} label="Sign in with a passkey" />}
        {mode === 'login' && config.sign_up === 'invite' && (
          <p className="muted small" data-testid="invite-only">
            New here? Sign-up is by invitation: ask the administrator for an invite link.
          </p>
        )}
        {mode === 'login' && config.sign_up === 'open' && (
          <p className="muted small">
            New here?{' '}
            <button type="button" className="link-button" onClick={() => switchTo(true)} data-testid="to-signup">
              Create an account
            </button>
          </p>
        )}
        {mode === 'signup' && (
          <p className="muted small">
            Already have an account?{' '}
            <button type="button" className="link-button" onClick={() => switchTo(false)} data-testid="to-login">
              Log in
            </button>
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
