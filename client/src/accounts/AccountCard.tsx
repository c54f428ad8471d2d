import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../api/client';
import type { Account } from '../api/types';
import { useToast } from '../components/toasts';
import { ManualActions } from '../manual/ManualActions';
import { formatMoney } from '../lib/format';
import { accountName, creditText, currencyOf, groupOf } from './accountText';
import { BalanceChart } from './BalanceChart';
import { useUpdateAccount } from './mutations';

interface Props {
  account: Account;
  bank: string | undefined;
  /** Someone's account shared with this person: its balance and transactions only. */
  shared?: boolean;
  /** Where its transactions are listed: '' for one's own, '/shared/<owner>' for shared. */
  base?: string;
}

/** One account: its name and bank, balance, chart, transactions, and the person's settings. */
export function AccountCard({ account, bank, shared = false, base = '' }: Props) {
  const update = useUpdateAccount();
  const toast = useToast();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(accountName(account));
  const shown = accountName(account);
  const currency = currencyOf(account);
  const change = (body: Parameters<typeof update.mutate>[0]) =>
    update.mutate(body, { onError: (e) => toast(errorMessage(e), 'error') });

  const onRename = (event: FormEvent) => {
    event.preventDefault();
    change({ id: account.id, display_name: name.trim() || null });
    setRenaming(false);
  };

  return (
    <article
      className={`account-card${account.hidden ? ' is-hidden' : ''}`}
      data-testid="account-card"
      data-account-id={account.id}
      aria-label={shown}
    >
      <div className="account-card-head">
        <div>
          <h3 className="account-name" data-testid="account-name">
            {shown} {account.mask && <span className="muted">••{account.mask}</span>}
          </h3>
          <div className="muted small" data-testid="account-bank">
            {bank ?? 'Bank'}
            {account.display_name && ` · ${account.name}`}
            {account.subtype ? ` · ${account.subtype}` : ''}
          </div>
          <div className="badges">
            {account.hidden && <span className="badge">Hidden</span>}
            {account.excluded_from_net_worth && <span className="badge">Not in net worth</span>}
          </div>
        </div>
        <div className="account-balance" data-testid="account-balance">
          {groupOf(account.type) === 'credit' ? (
            <span>{creditText(account)}</span>
          ) : (
            <span className="big-number">{formatMoney(account.current_balance, currency)}</span>
          )}
          {groupOf(account.type) === 'loans' && <div className="muted small">owed</div>}
        </div>
      </div>
      {!shared && <BalanceChart accountId={account.id} name={shown} currency={currency} />}
      {shared ? (
        <div className="row wrap account-actions">
          <Link to={`${base}/transactions?account=${account.id}`} data-testid="account-transactions">
            Transactions
          </Link>
        </div>
      ) : renaming ? (
        <form className="row wrap" onSubmit={onRename}>
          <input
            aria-label={`New name for ${shown}`}
            value={name}
            maxLength={255}
            onChange={(e) => setName(e.target.value)}
            data-testid="account-rename-input"
            autoFocus
          />
          <button type="submit" data-testid="account-rename-save">
            Save
          </button>
          <button type="button" className="button-secondary" onClick={() => setRenaming(false)}>
            Cancel
          </button>
          <span className="muted small">
            Empty: back to {account.manual ? 'its first name' : 'the bank’s name'}, {account.name}.
          </span>
        </form>
      ) : (
        <div className="row wrap account-actions">
          <Link to={`/transactions?account=${account.id}`} data-testid="account-transactions">
            Transactions
          </Link>
          <button
            type="button"
            className="link-button"
            data-testid="account-rename"
            aria-label={`Rename ${shown}`}
            onClick={() => {
              setName(shown);
              setRenaming(true);
            }}
          >
            Rename
          </button>
          <button
            type="button"
            className="link-button"
            data-testid="account-hide"
            aria-label={`${account.hidden ? 'Show' : 'Hide'} ${shown}`}
            onClick={() => change({ id: account.id, hidden: !account.hidden })}
          >
            {account.hidden ? 'Show in lists' : 'Hide'}
          </button>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={!account.excluded_from_net_worth}
              data-testid="account-in-net-worth"
              onChange={(e) => change({ id: account.id, excluded_from_net_worth: !e.target.checked })}
            />
            Count in net worth
          </label>
          {account.manual && <ManualActions account={account} />}
        </div>
      )}
    </article>
  );
}
