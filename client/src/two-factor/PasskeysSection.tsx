import { useState, type FormEvent } from 'react';
import type { Passkey } from '../api/types';
import { CurrentPasswordField } from '../components/CurrentPasswordField';
import { ErrorText } from '../components/ErrorText';
import { useToast } from '../components/toasts';
import { formatDateTime } from '../lib/format';
import { cancelled, passkeysSupported, useAddPasskey, useRemovePasskey } from './passkeys';

/** The person's passkeys: added with a name (and the password), removed with the password.
 * The first second factor brings recovery codes, handed to `onCodes` to show once. */
export function PasskeysSection({ passkeys, onCodes }: { passkeys: Passkey[]; onCodes: (codes: string[]) => void }) {
  const add = useAddPasskey();
  const remove = useRemovePasskey();
  const toast = useToast();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const addError = add.error && !cancelled(add.error) ? add.error : null;

  const onAdd = (event: FormEvent) => {
    event.preventDefault();
    remove.reset();
    add.mutate(
      { password, name: name.trim() },
      {
        onSuccess: (passkey) => {
          setName('');
          setPassword('');
          toast(`Passkey “${passkey.name}” added.`, 'success');
          if (passkey.recovery_codes) onCodes(passkey.recovery_codes);
        },
      },
    );
  };
  const onRemove = (passkey: Passkey) => {
    add.reset();
    remove.mutate(
      { id: passkey.id, password },
      {
        onSuccess: () => {
          setPassword('');
          toast(`Passkey “${passkey.name}” removed.`, 'success');
        },
      },
    );
  };

  return (
    <form className="stack account-form" onSubmit={onAdd} aria-label="Passkeys">
      <h3>Passkeys</h3>
      <p className="muted small">
        A passkey on this device (or your phone, or a security key) logs you in without a password, or after it instead
        of a code.
      </p>
      {passkeys.length === 0 ? (
        <p className="muted small">No passkeys yet.</p>
      ) : (
        <ul className="plain-list" data-testid="passkeys">
          {passkeys.map((passkey) => (
            <li key={passkey.id} className="row" data-testid="passkey">
              <span>
                <strong>{passkey.name}</strong>{' '}
                <span className="muted small">
                  added {formatDateTime(passkey.created_at)}
                  {passkey.last_used_at && `, last used ${formatDateTime(passkey.last_used_at)}`}
                </span>
              </span>
              <button
                type="button"
                className="link-button danger"
                disabled={remove.isPending || !password}
                onClick={() => onRemove(passkey)}
                aria-label={`Remove passkey ${passkey.name}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {passkeysSupported() ? (
        <>
          <label>
            Name of the new passkey
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={64}
              placeholder="Laptop, phone…"
              required
              data-testid="passkey-name"
            />
          </label>
          <CurrentPasswordField value={password} onChange={setPassword} testId="passkey-password" />
          <p className="muted small">Your password is needed to add or remove a passkey.</p>
          <ErrorText error={addError ?? remove.error} testId="passkey-error" />
          <div className="row">
            <button type="submit" disabled={add.isPending} data-testid="passkey-add">
              Add a passkey
            </button>
          </div>
        </>
      ) : (
        <p className="muted small">This browser cannot use passkeys.</p>
      )}
    </form>
  );
}
