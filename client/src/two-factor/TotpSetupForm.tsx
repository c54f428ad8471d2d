import { useState, type FormEvent } from 'react';
import { CurrentPasswordField } from '../components/CurrentPasswordField';
import { ErrorText } from '../components/ErrorText';
import { AppCodeField } from './AppCodeField';
import { useConfirmTotp, useStartTotp } from './mutations';

function svgDataUri(svg: string): string {
  // An image, not markup in the page: nothing in it can run.
  return `data:image/svg+xml;base64,${btoa(svg)}`;
}

/** Setting up an authenticator app: the password, then its QR code (or secret) and a code;
 * then `onConfirmed` is given the recovery codes to show. */
export function TotpSetupForm({ onConfirmed }: { onConfirmed: (codes: string[]) => void }) {
  const start = useStartTotp();
  const confirm = useConfirmTotp();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');

  if (!start.data) {
    const onStart = (event: FormEvent) => {
      event.preventDefault();
      start.mutate(password, { onSuccess: () => setPassword('') });
    };
    return (
      <form className="stack account-form" onSubmit={onStart} aria-label="Set up an authenticator app">
        <p className="small">
          Use an authenticator app (such as Aegis, Google Authenticator or 1Password): after your password, logging in
          asks for the 6-digit code it shows.
        </p>
        <CurrentPasswordField value={password} onChange={setPassword} testId="totp-password" />
        <ErrorText error={start.error} testId="totp-start-error" />
        <div className="row">
          <button type="submit" disabled={start.isPending} data-testid="totp-start">
            Set up an authenticator app
          </button>
        </div>
      </form>
    );
  }

  const onConfirm = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate(code, { onSuccess: (answer) => onConfirmed(answer.recovery_codes) });
  };
  return (
    <form className="stack account-form" onSubmit={onConfirm} aria-label="Confirm the authenticator app">
      <p className="small">Scan this QR code with the app, or type the key below into it.</p>
      <img className="totp-qr" src={svgDataUri(start.data.qr_svg)} alt="QR code for your authenticator app" />
      <p className="small">
        Key: <code data-testid="totp-secret">{start.data.secret}</code>
      </p>
      <AppCodeField value={code} onChange={setCode} testId="totp-confirm-code" />
      <ErrorText error={confirm.error} testId="totp-confirm-error" />
      <div className="row">
        <button type="submit" disabled={confirm.isPending} data-testid="totp-confirm">
          Turn on
        </button>
      </div>
    </form>
  );
}
