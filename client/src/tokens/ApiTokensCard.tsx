import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/client';
import type { ApiToken, ApiTokenCreated } from '../api/types';
import { Card, Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { useToast } from '../components/toasts';
import { formatDate, formatDateTime, today } from '../lib/format';
import { useCreateApiToken, useRevokeApiToken } from './mutations';
import { useApiTokens } from './queries';

type Scope = ApiToken['scope'];
const SCOPES: [Scope, string][] = [
  ['read', 'Read only'],
  ['write', 'Read and write'],
];
const SCOPE_NAMES: Record<Scope, string> = { read: 'Read only', write: 'Read and write' };

/** A new token's secret, shown once, with a button that copies it. */
function FreshToken({ token, onDone }: { token: ApiTokenCreated; onDone: () => void }) {
  const toast = useToast();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.token);
      toast('Token copied.', 'success');
    } catch {
      toast('Select the token and copy it.', 'info');
    }
  };
  return (
    <div className="stack" data-testid="token-fresh">
      <label>
        Your new token &ldquo;{token.name}&rdquo;: copy it now, it is not shown again
        <input
          readOnly
          value={token.token}
          onFocus={(e) => e.currentTarget.select()}
          spellCheck={false}
          data-testid="token-secret"
        />
      </label>
      <div className="row">
        <button type="button" className="button-secondary" onClick={() => void copy()} data-testid="token-copy">
          Copy token
        </button>
        <button type="button" className="link-button" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}

function NewTokenForm({ userId, onMade }: { userId: number; onMade: (token: ApiTokenCreated) => void }) {
  const create = useCreateApiToken(userId);
  const [name, setName] = useState('');
  const [scope, setScope] = useState<Scope>('read');
  const [expires, setExpires] = useState('');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name, scope, expires_date: expires || null },
      {
        onSuccess: (made) => {
          setName('');
          setExpires('');
          onMade(made);
        },
      },
    );
  };
  return (
    <form className="stack account-form" onSubmit={onSubmit} aria-label="New API token">
      <label>
        Name
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={100}
          required
          placeholder="e.g. Spreadsheet export"
          data-testid="token-name"
        />
      </label>
      <fieldset>
        <legend>Access</legend>
        <div className="row wrap">
          {SCOPES.map(([value, label]) => (
            <label key={value} className="checkbox">
              <input
                type="radio"
                name="token-scope"
                value={value}
                checked={scope === value}
                onChange={() => setScope(value)}
                data-testid={`token-scope-${value}`}
              />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      <label>
        Expires after (optional)
        <input
          type="date"
          value={expires}
          min={today()}
          onChange={(e) => setExpires(e.target.value)}
          data-testid="token-expires"
        />
      </label>
      <ErrorText error={create.error} testId="token-error" />
      <div className="row">
        <button type="submit" disabled={create.isPending} data-testid="token-create">
          Create token
        </button>
      </div>
    </form>
  );
}

function TokenTable({ userId, tokens }: { userId: number; tokens: ApiToken[] }) {
  const revoke = useRevokeApiToken(userId);
  const toast = useToast();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="token-list">
        <thead>
          <tr>
            <th>Name</th>
            <th>Access</th>
            <th className="hide-narrow">Created</th>
            <th>Expires</th>
            <th>Last used</th>
            <th>
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id} data-testid="token-row">
              <td>{token.name}</td>
              <td>{SCOPE_NAMES[token.scope]}</td>
              <td className="hide-narrow">{formatDateTime(token.created_at)}</td>
              <td>{token.expires_date ? formatDate(token.expires_date) : 'Never'}</td>
              <td data-testid="token-last-used">{formatDateTime(token.last_used_at)}</td>
              <td className="num">
                <button
                  type="button"
                  className="link-button danger"
                  aria-label={`Revoke ${token.name}`}
                  data-testid="token-revoke"
                  disabled={revoke.isPending}
                  onClick={() =>
                    revoke.mutate(token.id, {
                      onSuccess: () => toast(`Token “${token.name}” revoked.`, 'success'),
                      onError: (e) => toast(errorMessage(e), 'error'),
                    })
                  }
                >
                  Revoke
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Personal API tokens for the person's own programs: made, listed and revoked here only. */
export function ApiTokensCard({ userId }: { userId: number }) {
  const tokens = useApiTokens(userId);
  const [fresh, setFresh] = useState<ApiTokenCreated | null>(null);
  return (
    <Card title="API tokens">
      <div className="stack">
        <p className="muted small">
          Your own programs can use the API with a token, sent as <code>Authorization: Bearer &lt;token&gt;</code>. A
          read-only token can only read. No token can change your password, sessions or tokens, and an
          administrator&rsquo;s token has no administrator&rsquo;s powers.
        </p>
        {fresh ? (
          <FreshToken token={fresh} onDone={() => setFresh(null)} />
        ) : (
          <NewTokenForm userId={userId} onMade={setFresh} />
        )}
        {tokens.isPending && <Loading />}
        <ErrorText error={tokens.error} />
        {tokens.data && tokens.data.length === 0 && <p className="muted small">You have no API tokens.</p>}
        {tokens.data && tokens.data.length > 0 && <TokenTable userId={userId} tokens={tokens.data} />}
      </div>
    </Card>
  );
}
