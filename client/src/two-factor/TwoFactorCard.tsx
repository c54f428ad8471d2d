import { useState, type FormEvent } from 'react';
import { Card, Loading } from '../components/Card';
import { CurrentPasswordField } from '../components/CurrentPasswordField';
import { ErrorText } from '../components/ErrorText';
import { AppCodeField } from './AppCodeField';
import { useToast } from '../components/toasts';
import { useDisableTotp, useRegenerateRecoveryCodes } from './mutations';
import { PasskeysSection } from './PasskeysSection';
import { useTwoFactor } from './queries';
import { RecoveryCodesShown } from './RecoveryCodesShown';
import { TotpSetupForm } from './TotpSetupForm';

/** Turning the app off, or new recovery codes: both need the password and a current code. */
function TotpOn({ codesLeft, onCodes }: { codesLeft: number; onCodes: (codes: string[]) => void }) {
  const disable = useDisableTotp();
  const regenerate = useRegenerateRecoveryCodes();
  const toast = useToast();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const body = () => ({ password, code: code.trim() });
  const clear = () => {
    setPassword('');
    setCode('');
  };

  const onDisable = (event: FormEvent) => {
    event.preventDefault();
    regenerate.reset();
    disable.mutate(body(), {
      onSuccess: () => {
        clear();
        toast('The authenticator app is off.', 'success');
      },
    });
  };
  const onRegenerate = () => {
    disable.reset();
    regenerate.mutate(body(), {
      onSuccess: (codes) => {
        clear();
        onCodes(codes.recovery_codes);
      },
    });
  };
  return (
    <form className="stack account-form" onSubmit={onDisable} aria-label="Authenticator app">
      <p data-testid="totp-on">
        <strong>Authenticator app: on.</strong>{' '}
        <span data-testid="recovery-codes-left">
          {codesLeft} recovery {codesLeft === 1 ? 'code' : 'codes'} left.
        </span>
      </p>
      <p className="muted small">
        To turn it off or to get new recovery codes, enter your password and a current code.
      </p>
      <CurrentPasswordField value={password} onChange={setPassword} testId="totp-off-password" />
      <AppCodeField value={code} onChange={setCode} testId="totp-off-code" />
      <ErrorText error={disable.error ?? regenerate.error} testId="totp-off-error" />
      <div className="row">
        <button
          type="button"
          className="button-secondary"
          disabled={regenerate.isPending || !password || !code}
          onClick={onRegenerate}
          data-testid="recovery-codes-new"
        >
          New recovery codes
        </button>
        <button type="submit" className="button-danger" disabled={disable.isPending} data-testid="totp-off">
          Turn off
        </button>
      </div>
    </form>
  );
}

/** Settings: the authenticator app, recovery codes and passkeys. */
export function TwoFactorCard() {
  const status = useTwoFactor();
  // Recovery codes just made, shown until the person says they saved them.
  const [codes, setCodes] = useState<string[] | null>(null);
  return (
    <Card title="Two-factor authentication">
      {status.isPending && <Loading />}
      <ErrorText error={status.error} />
      {status.data && (
        <div className="stack-lg">
          {status.data.required && !status.data.totp_enabled && status.data.passkeys.length === 0 && (
            <p className="small" role="note">
              This server requires a second factor: set up an authenticator app or add a passkey to go on.
            </p>
          )}
          {codes ? (
            <RecoveryCodesShown codes={codes} onDone={() => setCodes(null)} />
          ) : status.data.totp_enabled ? (
            <TotpOn codesLeft={status.data.recovery_codes_left} onCodes={setCodes} />
          ) : (
            <TotpSetupForm onConfirmed={setCodes} />
          )}
          <PasskeysSection passkeys={status.data.passkeys} onCodes={setCodes} />
        </div>
      )}
    </Card>
  );
}
