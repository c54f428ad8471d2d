import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { errorMessage } from '../api/client';
import { Dialog } from '../components/Dialog';
import { ErrorText } from '../components/ErrorText';
import {
  completeEmulatorLink,
  getEmulatorSession,
  type EmulatorAccount,
  type EmulatorInstitution,
  type EmulatorSession,
} from './emulator';
import { useLinkOutcome } from './useLinkOutcome';

interface Props {
  emulatorUrl: string;
  linkToken: string;
  /** The item Link runs for in update mode; null for a new bank. */
  itemId?: number | null;
  /** The item whose new accounts the person is choosing (update mode, account selection). */
  addAccountsTo?: number | null;
  /** Institutions the person has linked already: marked, and not offered again. */
  linkedInstitutions?: readonly string[];
  onClose: () => void;
}

/** Plays Plaid Link against the emulator: pick a bank, (choose accounts,) log in, done. */
export function EmulatorLinkDialog({
  emulatorUrl,
  linkToken,
  itemId = null,
  addAccountsTo = null,
  linkedInstitutions = [],
  onClose,
}: Props) {
  const { onSuccess, onExit } = useLinkOutcome();
  const [session, setSession] = useState<EmulatorSession | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [institution, setInstitution] = useState<EmulatorInstitution | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    getEmulatorSession(emulatorUrl, linkToken)
      .then((s) => {
        if (cancelled) return;
        setSession(s);
        setChosen(new Set((s.accounts ?? []).map((a) => a.id)));
        if (s.mode === 'update' && s.item) {
          const current = s.institutions.find((i) => i.institution_id === s.item?.institution_id);
          setInstitution(
            current ?? { institution_id: s.item.institution_id, name: 'your bank', oauth: false, primary_color: null },
          );
        }
      })
      .catch((e: unknown) => !cancelled && setError(errorMessage(e)));
    return () => {
      cancelled = true;
    };
  }, [emulatorUrl, linkToken]);

  const close = () => {
    onExit({
      link_session_id: null,
      request_id: null,
      error_type: null,
      error_code: null,
      status: institution ? 'requires_credentials' : 'institution_search',
    });
    onClose();
  };

  const update = session?.mode === 'update';
  const selecting = Boolean(session?.account_selection && session.accounts);
  const bank = institution?.name ?? 'your bank';
  const title = addAccountsTo ? `Add accounts at ${bank}` : update ? `Log in again to ${bank}` : 'Link a bank';

  return (
    <Dialog title={title} onClose={close} testId="link-dialog">
      {!session && !error && <p className="muted">Starting Link…</p>}
      {!session && error && <ErrorText error={error} testId="link-error" />}
      {session && !institution && (
        <InstitutionPicker institutions={session.institutions} linked={linkedInstitutions} onPick={setInstitution} />
      )}
      {session && institution && selecting && (
        <AccountChoice
          accounts={session.accounts ?? []}
          chosen={chosen}
          onToggle={(id) =>
            setChosen((now) => {
              const next = new Set(now);
              if (next.has(id)) next.delete(id);
              else next.add(id);
              return next;
            })
          }
        />
      )}
      {session && institution && (
        <Credentials
          institution={institution}
          hint={session.test_credentials}
          canGoBack={!update}
          onBack={() => setInstitution(null)}
          onSubmit={async (username, password) => {
            const result = await completeEmulatorLink(emulatorUrl, {
              link_token: linkToken,
              institution_id: update ? null : institution.institution_id,
              username,
              password,
              ...(selecting ? { account_ids: [...chosen] } : {}),
            });
            if (!result.ok) {
              const { error: e, metadata } = result.exit;
              onExit({
                link_session_id: metadata?.link_session_id ?? null,
                request_id: metadata?.request_id ?? null,
                error_type: e?.error_type ?? null,
                error_code: e?.error_code ?? null,
                status: metadata?.status ?? null,
              });
              return e?.display_message || e?.error_message || 'Link failed.';
            }
            const { public_token, metadata } = result.success;
            const message = await onSuccess({
              publicToken: public_token,
              institutionId: metadata.institution?.institution_id ?? institution.institution_id,
              institutionName: metadata.institution?.name ?? institution.name,
              linkSessionId: metadata.link_session_id,
              update,
              itemId,
              addAccountsTo,
            });
            if (!message) onClose();
            return message;
          }}
        />
      )}
    </Dialog>
  );
}

/** Link's account selection: the accounts to share, new ones marked. */
function AccountChoice({
  accounts,
  chosen,
  onToggle,
}: {
  accounts: EmulatorAccount[];
  chosen: Set<string>;
  onToggle: (id: string) => void;
}) {
  return (
    <fieldset className="account-choice" data-testid="link-accounts">
      <legend>Accounts to share</legend>
      {/* New ones first: they are why the person is here. */}
      {[...accounts]
        .sort((a, b) => Number(b.new) - Number(a.new))
        .map((a) => (
          <label key={a.id} className="checkbox">
            <input
              type="checkbox"
              checked={chosen.has(a.id)}
              onChange={() => onToggle(a.id)}
              data-testid={`link-account-${a.id}`}
            />
            <span>
              {a.name}
              {a.mask && <span className="muted"> ••{a.mask}</span>}
            </span>
            {a.new && <span className="badge">New</span>}
          </label>
        ))}
    </fieldset>
  );
}

function InstitutionPicker({
  institutions,
  linked,
  onPick,
}: {
  institutions: EmulatorInstitution[];
  linked: readonly string[];
  onPick: (i: EmulatorInstitution) => void;
}) {
  const [search, setSearch] = useState('');
  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return needle ? institutions.filter((i) => i.name.toLowerCase().includes(needle)) : institutions;
  }, [institutions, search]);
  const anyLinked = institutions.some((i) => linked.includes(i.institution_id));

  return (
    <div className="stack">
      <input
        type="search"
        placeholder="Search institutions"
        aria-label="Search institutions"
        value={search}
        autoFocus
        onChange={(e) => setSearch(e.target.value)}
        data-testid="link-institution-search"
      />
      {/* Said before the list, not after the person has typed a password: one item per bank. */}
      {anyLinked && (
        <p className="muted" id="linked-hint" data-testid="link-linked-hint">
          Banks marked Linked are already here. For accounts opened at one since, close this and choose &ldquo;Add
          accounts&rdquo; on its card.
        </p>
      )}
      <ul className="institution-list">
        {shown.map((i) => {
          const isLinked = linked.includes(i.institution_id);
          return (
            <li key={i.institution_id}>
              <button
                type="button"
                className="institution-button"
                onClick={() => onPick(i)}
                disabled={isLinked}
                aria-describedby={isLinked ? 'linked-hint' : undefined}
                data-testid={`link-institution-${i.institution_id}`}
              >
                <span className="swatch" style={{ background: i.primary_color ?? '#888' }} />
                {i.name}
                {i.oauth && <span className="badge">OAuth</span>}
                {isLinked && <span className="badge badge-good">Linked</span>}
              </button>
            </li>
          );
        })}
        {shown.length === 0 && <li className="muted">No institution matches.</li>}
      </ul>
    </div>
  );
}

interface CredentialsProps {
  institution: EmulatorInstitution;
  hint: { username: string; password: string } | null;
  canGoBack: boolean;
  onBack: () => void;
  onSubmit: (username: string, password: string) => Promise<string | null>;
}

function Credentials({ institution, hint, canGoBack, onBack, onSubmit }: CredentialsProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const message = await onSubmit(username, password);
      if (message) setError(message);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="stack" onSubmit={(event) => void submit(event)}>
      <p>
        Log in to <strong>{institution.name}</strong>
        {hint && (
          <span className="muted">
            {' '}
            (test login: {hint.username} / {hint.password})
          </span>
        )}
      </p>
      <label>
        Username
        <input
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          autoFocus
          required
          data-testid="link-username"
        />
      </label>
      <label>
        Password
        <input
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
          data-testid="link-password"
        />
      </label>
      <ErrorText error={error} testId="link-error" />
      <div className="row end">
        {canGoBack && (
          <button type="button" className="button-secondary" onClick={onBack}>
            Back
          </button>
        )}
        <button type="submit" disabled={busy} data-testid="link-submit">
          {busy ? 'Connecting…' : 'Continue'}
        </button>
      </div>
    </form>
  );
}
