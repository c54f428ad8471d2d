import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/client';
import type { Account } from '../api/types';
import { useUpdateAccount } from '../accounts/mutations';
import { accountName } from '../accounts/accountText';
import { useCurrentUser } from '../auth/queries';
import { useToast } from '../components/toasts';
import { fromApiAmount, toApiAmount } from './amount';
import { AddTransactionDialog } from './AddTransactionDialog';
import { useDeleteManualAccount } from './mutations';

/** A manual account's own actions: add a transaction, set its balance, delete it. */
export function ManualActions({ account }: { account: Account }) {
  const user = useCurrentUser();
  const update = useUpdateAccount();
  const remove = useDeleteManualAccount();
  const toast = useToast();
  const shown = accountName(account);
  const [adding, setAdding] = useState(false);
  const [setting, setSetting] = useState(false);
  const start = fromApiAmount(account.current_balance ?? '0.00');
  const [balanceText, setBalanceText] = useState(start.text);
  const [below, setBelow] = useState(start.direction === 'in');
  const balance = toApiAmount(balanceText, below ? 'in' : 'out');

  const onSetBalance = (event: FormEvent) => {
    event.preventDefault();
    if (!balance.ok) return;
    update.mutate(
      { id: account.id, current_balance: balance.amount },
      {
        onSuccess: () => setSetting(false),
        onError: (e) => toast(errorMessage(e), 'error'),
      },
    );
  };

  const onDelete = () => {
    if (!window.confirm(`Delete ${shown} and all its transactions? This cannot be undone.`)) return;
    remove.mutate(account.id, {
      onSuccess: () => toast(`${shown} deleted.`, 'success'),
      onError: (e) => toast(errorMessage(e), 'error'),
    });
  };

  if (setting) {
    return (
      <form className="row wrap" onSubmit={onSetBalance} data-testid="manual-balance-form">
        <input
          aria-label={`Balance of ${shown} today`}
          value={balanceText}
          onChange={(e) => setBalanceText(e.target.value)}
          inputMode="decimal"
          aria-invalid={!balance.ok}
          autoFocus
          data-testid="manual-balance-input"
        />
        <label className="checkbox">
          <input type="checkbox" checked={below} onChange={(e) => setBelow(e.target.checked)} />
          Below zero
        </label>
        <button type="submit" data-testid="manual-balance-save">
          Save
        </button>
        <button type="button" className="button-secondary" onClick={() => setSetting(false)}>
          Cancel
        </button>
        {!balance.ok && <span className="error small">{balance.problem}</span>}
      </form>
    );
  }

  return (
    <>
      <button
        type="button"
        aria-label={`Add transaction to ${shown}`}
        data-testid="manual-add-transaction"
        onClick={() => setAdding(true)}
      >
        Add transaction
      </button>
      <button
        type="button"
        className="link-button"
        aria-label={`Set balance of ${shown}`}
        data-testid="manual-set-balance"
        onClick={() => setSetting(true)}
      >
        Set balance
      </button>
      <button
        type="button"
        className="link-button"
        aria-label={`Delete ${shown}`}
        data-testid="manual-delete-account"
        onClick={onDelete}
        disabled={remove.isPending}
      >
        Delete
      </button>
      {adding && <AddTransactionDialog userId={user.id} account={account} onClose={() => setAdding(false)} />}
    </>
  );
}
