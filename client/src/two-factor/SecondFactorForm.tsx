import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../api/client';
import type { SecondFactorMethod } from '../api/types';
import { useSecondFactor } from '../auth/mutations';
import { ErrorText } from '../components/ErrorText';

interface Props {
  methods: SecondFactorMethod[];
  onDone: () => void;
  /** The password step again (the log-in took too long, or the person wants to). */
  onRestart: () => void;
  /** The passkey button, when the person has one. */
  passkey?: ReactNode;
}

/** The log-in's second step: a code from the authenticator app, a recovery code, or a passkey. */
export function SecondFactorForm({ methods, onDone, onRestart, passkey }: Props) {
  const second = useSecondFactor();
  const [recovery, setRecovery] = useState(!methods.includes('totp') && methods.includes('recovery_code'));
  const [code, setCode] = useState('');
  const expired = second.error instanceof ApiError && second.error.code === 'second_factor_expired';

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = recovery ? { recovery_code: code.trim() } : { code: code.trim() };
    second.mutate(body, { onSuccess: onDone });
  };
  const switchKind = () => {
    setRecovery(!recovery);
    setCode('');
    second.reset();
  };
  const typed = methods.includes('totp') || methods.includes('recovery_code');

  return (
    <form className="card landing-form stack" onSubmit={onSubmit} aria-label="Second factor">
      <h2>Two-factor authentication</h2>
      {typed && (
        <label>
          {recovery ? 'Recovery code' : 'Code from your authenticator app'}
          <input
            key={recovery ? 'recovery' : 'code'}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            inputMode={recovery ? 'text' : 'numeric'}
            autoComplete="one-time-code"
            spellCheck={false}
            autoFocus
            required
            data-testid="second-factor-code"
          />
        </label>
      )}
      {second.error && <ErrorText error={second.error} testId="second-factor-error" />}
      {typed && (
        <div className="row">
          <button type="submit" disabled={second.isPending} data-testid="second-factor-submit">
            Log in
          </button>
        </div>
      )}
      {passkey}
      <p className="muted small">
        {methods.includes('totp') && methods.includes('recovery_code') && (
          <>
            <button type="button" className="link-button" onClick={switchKind} data-testid="second-factor-switch">
              {recovery ? 'Use a code from the app' : 'Use a recovery code'}
            </button>
            {' · '}
          </>
        )}
        <button
          type="button"
          className="link-button"
          onClick={onRestart}
          data-testid="second-factor-restart"
          autoFocus={expired}
        >
          Start again
        </button>
      </p>
    </form>
  );
}
