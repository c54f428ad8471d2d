import { ErrorText } from '../components/ErrorText';
import { cancelled, passkeysSupported, usePasskeyLogin } from './passkeys';

/** "Sign in with a passkey": alone on the log-in page, or as the second step. */
export function PasskeyLoginButton({ onDone, label }: { onDone: () => void; label: string }) {
  const login = usePasskeyLogin();
  if (!passkeysSupported()) return null;
  const error = login.error && !cancelled(login.error) ? login.error : null;
  return (
    <div className="stack">
      {error && <ErrorText error={error} testId="passkey-login-error" />}
      <div className="row">
        <button
          type="button"
          className="button-secondary"
          disabled={login.isPending}
          onClick={() => login.mutate(undefined, { onSuccess: onDone })}
          data-testid="passkey-login"
        >
          {label}
        </button>
      </div>
    </div>
  );
}
