import { useState, type FormEvent } from 'react';
import type { ManualAccountCreate } from '../api/types';
import { Dialog } from '../components/Dialog';
import { ErrorText } from '../components/ErrorText';
import { useToast } from '../components/toasts';
import { displayedCurrency } from '../lib/format';
import { toApiAmount } from './amount';
import { useCreateManualAccount } from './mutations';

const TYPES: { value: ManualAccountCreate['type']; label: string }[] = [
  { value: 'depository', label: 'Cash or bank account' },
  { value: 'credit', label: 'Credit card' },
  { value: 'loan', label: 'Loan' },
  { value: 'investment', label: 'Investment' },
  { value: 'other', label: 'Other (not in net worth)' },
];

/** Make an account kept by hand: its name, type, currency and balance today. */
export function ManualAccountDialog({ userId, onClose }: { userId: number; onClose: () => void }) {
  const create = useCreateManualAccount(userId);
  const toast = useToast();
  const [name, setName] = useState('');
  const [type, setType] = useState<ManualAccountCreate['type']>('depository');
  const [subtype, setSubtype] = useState('cash');
  const [currency, setCurrency] = useState(displayedCurrency());
  const [balanceText, setBalanceText] = useState('0.00');
  const [owing, setOwing] = useState(false);
  const owed = type === 'credit' || type === 'loan';
  // Typed as seen: what is held, or what is owed on a card or loan (a negative for overpaid).
  const balance = toApiAmount(balanceText, owing ? 'in' : 'out');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!balance.ok || !name.trim()) return;
    create.mutate(
      {
        name: name.trim(),
        type,
        subtype: subtype.trim() || null,
        iso_currency_code: currency.trim().toUpperCase(),
        current_balance: balance.amount,
      },
      {
        onSuccess: (account) => {
          toast(`${account.name} added.`, 'success');
          onClose();
        },
      },
    );
  };

  return (
    <Dialog title="Add manual account" onClose={onClose} testId="manual-account-dialog">
      <form className="stack" onSubmit={onSubmit}>
        <p className="muted small">
          For cash, or a bank Plaid cannot reach. Its balance moves with the transactions you add; no bank ever changes
          it.
        </p>
        <label>
          Name
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={255}
            autoFocus
            data-testid="manual-account-name"
          />
        </label>
        <div className="grid-2 tight">
          <label>
            Type
            <select
              value={type}
              onChange={(e) => setType(e.target.value as ManualAccountCreate['type'])}
              data-testid="manual-account-type"
            >
              {TYPES.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Kind (optional)
            <input
              value={subtype}
              onChange={(e) => setSubtype(e.target.value)}
              maxLength={64}
              placeholder="e.g. cash, savings"
              data-testid="manual-account-subtype"
            />
          </label>
        </div>
        <div className="grid-2 tight">
          <label>
            {owed ? 'Owed today' : 'Balance today'}
            <input
              value={balanceText}
              onChange={(e) => setBalanceText(e.target.value)}
              inputMode="decimal"
              required
              aria-invalid={!balance.ok}
              aria-describedby="manual-account-balance-help"
              data-testid="manual-account-balance"
            />
          </label>
          <label>
            Currency
            <input
              value={currency}
              onChange={(e) => setCurrency(e.target.value)}
              pattern="[A-Za-z]{3}"
              maxLength={3}
              required
              title="Three letters, e.g. USD or EUR"
              data-testid="manual-account-currency"
            />
          </label>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={owing} onChange={(e) => setOwing(e.target.checked)} />
          {owed ? 'Overpaid (in your favour)' : 'Overdrawn (below zero)'}
        </label>
        <p id="manual-account-balance-help" className={balance.ok ? 'muted small' : 'error small'}>
          {balance.ok ? 'Change it any time on the account’s card.' : balance.problem}
        </p>
        <ErrorText error={create.error} />
        <div className="row spread">
          <span />
          <div className="row">
            <button type="button" className="button-secondary" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" disabled={create.isPending} data-testid="manual-account-save">
              Add account
            </button>
          </div>
        </div>
      </form>
    </Dialog>
  );
}
