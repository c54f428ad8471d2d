import { useState, type FormEvent } from 'react';
import { accountName } from '../accounts/accountText';
import { useEveryAccount } from '../accounts/queries';
import type { Share, ShareCreate, ShareRole } from '../api/types';
import { Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { useBankNames } from '../items/queries';
import { byBank, toggled } from './accountChoice';

interface Props {
  userId: number;
  /** The share being changed; none for a new one. */
  share?: Share;
  busy: boolean;
  error: unknown;
  onSubmit: (body: ShareCreate) => void;
  onCancel?: () => void;
}

const ROLES: [ShareRole, string, string][] = [
  ['view', 'View only', 'They see these accounts and their transactions.'],
  ['edit', 'View and edit', 'They may also change categories, names, notes and tags, split, and budget.'],
];

/** Whom to share with (a person here, or an invite link), what they may do, which accounts. */
export function ShareForm({ userId, share, busy, error, onSubmit, onCancel }: Props) {
  const accounts = useEveryAccount(userId);
  const banks = useBankNames(userId);
  const prefix = share ? `share-${share.id}` : 'share-new';
  const [invite, setInvite] = useState(false);
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<ShareRole>(share?.role ?? 'view');
  const [chosen, setChosen] = useState<Set<number>>(() => new Set(share?.account_ids));
  const [budget, setBudget] = useState(share?.budget ?? false);
  const every = (accounts.data ?? []).map((a) => a.id);
  const nothing = chosen.size === 0; // a share holds at least one account

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (nothing) return;
    const body: ShareCreate = { role, account_ids: [...chosen], budget };
    if (!share && !invite) body.username = username.trim();
    onSubmit(body);
  };

  return (
    <form className="stack" onSubmit={submit} data-testid={`${prefix}-form`}>
      {!share && (
        <fieldset className="stack">
          <legend>With whom</legend>
          <label>
            Their username on this server
            <input
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              required={!invite}
              disabled={invite}
              autoComplete="off"
              data-testid="share-username"
            />
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={invite}
              onChange={(e) => setInvite(e.target.checked)}
              data-testid="share-invite"
            />
            Make an invite link instead (it works once, for 7 days)
          </label>
        </fieldset>
      )}
      <fieldset className="stack">
        <legend>What they may do</legend>
        {ROLES.map(([value, label, help]) => (
          <label key={value} className="checkbox">
            <input
              type="radio"
              name={`${prefix}-role`}
              value={value}
              checked={role === value}
              onChange={() => setRole(value)}
              data-testid={`${prefix}-role-${value}`}
            />
            {label} <span className="muted small">{help}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="stack" data-testid={`${prefix}-accounts`}>
        <legend>Which accounts</legend>
        {accounts.isPending && <Loading text="Loading accounts…" />}
        <ErrorText error={accounts.error} />
        {accounts.data?.length === 0 && <p className="muted small">No accounts yet: link a bank first.</p>}
        {every.length > 1 && (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={every.every((id) => chosen.has(id))}
              onChange={(e) => setChosen(toggled(chosen, every, e.target.checked))}
              data-testid={`${prefix}-all`}
            />
            Select all
          </label>
        )}
        {byBank(accounts.data ?? [], banks).map((group) => (
          <div key={group.itemId} className="stack share-bank" role="group" aria-label={group.bank}>
            <strong className="small">{group.bank}</strong>
            {group.accounts.map((account) => (
              <label key={account.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={chosen.has(account.id)}
                  onChange={(e) => setChosen(toggled(chosen, [account.id], e.target.checked))}
                  data-testid="share-account"
                  data-account-id={account.id}
                />
                {accountName(account)} {account.mask && <span className="muted">••{account.mask}</span>}
              </label>
            ))}
          </div>
        ))}
      </fieldset>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={budget}
          onChange={(e) => setBudget(e.target.checked)}
          data-testid={`${prefix}-budget`}
        />
        Share my budget too
      </label>
      <ErrorText error={error} />
      <div className="row wrap">
        <button type="submit" disabled={busy || nothing} data-testid={`${prefix}-submit`}>
          {share ? 'Save changes' : invite ? 'Make the invite link' : 'Share'}
        </button>
        {onCancel && (
          <button type="button" className="button-secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
        {nothing && <span className="muted small">Choose at least one account.</span>}
      </div>
    </form>
  );
}
