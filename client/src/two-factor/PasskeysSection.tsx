import type { Passkey } from '../api/types';

/** The person's passkeys (registered in a later step). */
export function PasskeysSection({ passkeys }: { passkeys: Passkey[] }) {
  return (
    <div className="stack" aria-label="Passkeys" role="region">
      <h3>Passkeys</h3>
      {passkeys.length === 0 && <p className="muted small">No passkeys yet.</p>}
    </div>
  );
}
