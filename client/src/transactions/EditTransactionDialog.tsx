import { useState, type FormEvent } from 'react';
import { useEveryAccount } from '../accounts/queries';
import type { Transaction, TransactionUpdate } from '../api/types';
import { Dialog } from '../components/Dialog';
import { ErrorText } from '../components/ErrorText';
import { useToast } from '../components/toasts';
import { formatTransactionAmount } from '../lib/format';
import { fromApiAmount, toApiAmount, type Direction } from '../manual/amount';
import { AmountFields } from '../manual/AmountFields';
import { useDeleteManualTransaction, useRefetchAfterManualEdit } from '../manual/mutations';
import { offerFor, type RuleOfferDraft } from '../rules/offer';
import { RuleOffer } from '../rules/RuleOffer';
import { TransferSection } from '../transfers/TransferSection';
import { CategoryFields } from './CategoryFields';
import { SplitEditor } from './SplitEditor';
import { TagNoteFields } from './TagNoteFields';
import { useRevertTransaction, useUpdateTransaction } from './mutations';
import { parseTags } from './tags';
import { usePickerCategories } from '../categories/queries';

interface Props {
  userId: number;
  transaction: Transaction;
  onClose: () => void;
  /** One's own transaction, or someone's shared with one to edit or only to view (then the
   * dialog shows it and changes nothing). The rules, transfers and manual accounts stay the
   * owner's. */
  access?: 'own' | 'edit' | 'view';
  /** Shared to edit: the accounts a rule offered after an edit is for (a member's rules
   * name some of the shared accounts, and no other). */
  ruleAccounts?: number[];
}

/** The rule an edit suggests; of someone's shared money, for the shared accounts alone. */
function ruleOffer(tx: Transaction, body: TransactionUpdate, sharedAccounts: number[] | null) {
  const draft = offerFor(tx, body);
  if (!draft || sharedAccounts === null) return draft;
  if (sharedAccounts.length === 0) return null;
  return { ...draft, rule: { ...draft.rule, match_account_ids: sharedAccounts } };
}

export function EditTransactionDialog({ userId, transaction: tx, onClose, access = 'own', ruleAccounts }: Props) {
  const shared = access !== 'own';
  const readOnly = access === 'view';
  const categories = usePickerCategories(userId);
  const update = useUpdateTransaction();
  const revert = useRevertTransaction();
  const toast = useToast();
  const [name, setName] = useState(tx.name);
  const [category, setCategory] = useState(tx.category ?? '');
  const [subcategory, setSubcategory] = useState(tx.subcategory ?? '');
  const [date, setDate] = useState(tx.date);
  const [hidden, setHidden] = useState(tx.hidden);
  const [note, setNote] = useState(tx.note ?? '');
  const [tagText, setTagText] = useState(tx.tags.join(' '));
  const [splitting, setSplitting] = useState(false);
  // A manual account's transaction: its amount is the person's to change, and it can go.
  const accounts = useEveryAccount(userId);
  const manual = !shared && (accounts.data?.find((a) => a.id === tx.account_id)?.manual ?? false);
  const remove = useDeleteManualTransaction();
  const refetchBalances = useRefetchAfterManualEdit();
  const seen = fromApiAmount(tx.amount);
  const [amountText, setAmountText] = useState(seen.text);
  const [direction, setDirection] = useState<Direction>(seen.direction);
  const newAmount = toApiAmount(amountText, direction);
  const [offer, setOffer] = useState<RuleOfferDraft | null>(null);
  const tags = parseTags(tagText);
  const amount = formatTransactionAmount(tx.amount, tx.iso_currency_code);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body: TransactionUpdate = {};
    if (name.trim() !== tx.name) body.name = name.trim();
    if (category.trim() !== (tx.category ?? '')) body.category = category.trim() || null;
    if (subcategory.trim() !== (tx.subcategory ?? '')) body.subcategory = subcategory.trim() || null;
    if (date !== tx.date) body.date = date;
    if (hidden !== tx.hidden) body.hidden = hidden;
    if (note.trim() !== (tx.note ?? '')) body.note = note.trim() || null;
    if (!tags.ok) return;
    if (tags.tags.join(' ') !== tx.tags.join(' ')) body.tags = tags.tags;
    if (manual) {
      if (!newAmount.ok) return;
      if (Number(newAmount.amount) !== Number(tx.amount)) body.amount = newAmount.amount;
    }
    if (Object.keys(body).length === 0) return onClose();
    update.mutate(
      { id: tx.id, body },
      {
        onSuccess: () => {
          if (body.amount !== undefined) void refetchBalances();
          // A new name or category: offer to do the same for the merchant's others.
          const draft = ruleOffer(tx, body, shared ? (ruleAccounts ?? []) : null);
          if (draft) return setOffer(draft);
          toast('Transaction saved.', 'success');
          onClose();
        },
      },
    );
  };

  const onDelete = () => {
    if (!window.confirm(`Delete “${tx.name}”? Its account’s balance moves back.`)) return;
    remove.mutate(tx.id, {
      onSuccess: () => {
        toast('Transaction deleted.', 'success');
        onClose();
      },
    });
  };

  const onRevert = () =>
    revert.mutate(tx.id, {
      onSuccess: () => {
        toast('Transaction reverted to the bank’s values.', 'success');
        onClose();
      },
    });

  if (offer) {
    return (
      <Dialog title={`Always do this for ${offer.merchant}?`} onClose={onClose} testId="tx-edit-dialog">
        <RuleOffer userId={userId} offer={offer} onDone={onClose} />
      </Dialog>
    );
  }

  if (splitting) {
    return (
      <Dialog title="Split transaction" onClose={onClose} testId="tx-edit-dialog">
        <SplitEditor
          transaction={tx}
          categories={categories.data}
          onBack={() => setSplitting(false)}
          onDone={onClose}
        />
      </Dialog>
    );
  }

  return (
    <Dialog title={readOnly ? 'Transaction' : 'Edit transaction'} onClose={onClose} testId="tx-edit-dialog">
      <form className="stack" onSubmit={onSubmit}>
        {readOnly && (
          <p className="muted small" data-testid="tx-view-only">
            Shared with you to view only: you cannot change it.
          </p>
        )}
        <p className="muted small">
          <span className={`amount-${amount.direction}`}>{amount.text}</span> · {tx.account_name}
          {tx.pending && ' · pending'}
        </p>
        {manual ? (
          <p className="muted small" data-testid="tx-edit-bank-name">
            Added by hand to a manual account: first named “{tx.original_name ?? tx.name}”.
          </p>
        ) : (
          <p className="muted small" data-testid="tx-edit-bank-name">
            {tx.logo && <img className="tx-logo" src={tx.logo} alt="" width={20} height={20} />}
            {tx.merchant_name && <>{tx.merchant_name} · </>}
            bank’s description: “{tx.original_name ?? tx.name}”{tx.website && <> · {tx.website}</>}
          </p>
        )}
        <fieldset className="stack bare-fieldset" disabled={readOnly}>
          <label>
            Name
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              maxLength={512}
              autoFocus
              data-testid="tx-edit-name"
            />
          </label>
          {manual && (
            <AmountFields
              text={amountText}
              direction={direction}
              parsed={newAmount}
              onText={setAmountText}
              onDirection={setDirection}
            />
          )}
          {tx.splits.length > 0 && (
            <p className="muted small" data-testid="tx-edit-split-note">
              Split in {tx.splits.length} parts: their categories count, not this one.
            </p>
          )}
          <CategoryFields
            userId={userId}
            prefix="tx-edit"
            category={category}
            subcategory={subcategory}
            onCategory={setCategory}
            onSubcategory={setSubcategory}
          />
          <label>
            Date
            <input
              type="date"
              min="1900-01-01"
              value={date}
              onChange={(e) => setDate(e.target.value)}
              required
              data-testid="tx-edit-date"
            />
          </label>
          <TagNoteFields
            prefix="tx-edit"
            tagText={tagText}
            tags={tags}
            note={note}
            onTagText={setTagText}
            onNote={setNote}
          />
          <label className="checkbox">
            <input
              type="checkbox"
              checked={hidden}
              onChange={(e) => setHidden(e.target.checked)}
              data-testid="tx-edit-hidden"
            />
            Hide from lists and totals
          </label>
        </fieldset>
        {!shared && <TransferSection userId={userId} transaction={tx} onDone={onClose} />}
        <ErrorText error={update.error ?? revert.error ?? remove.error} />
        {readOnly ? (
          <div className="row end">
            <button type="button" onClick={onClose} data-testid="tx-view-close">
              Close
            </button>
          </div>
        ) : (
          <div className="row spread">
            <div className="row">
              <button
                type="button"
                className="button-secondary"
                onClick={onRevert}
                disabled={revert.isPending || (!tx.manually_updated && !tx.hidden)}
                title={
                  manual
                    ? 'Back to what you first typed, with your rules applied'
                    : 'Back to the bank’s values, with your rules applied'
                }
                data-testid="tx-edit-revert"
              >
                Revert
              </button>
              {manual && (
                <button
                  type="button"
                  className="button-secondary"
                  onClick={onDelete}
                  disabled={remove.isPending}
                  data-testid="tx-edit-delete"
                >
                  Delete
                </button>
              )}
            </div>
            <div className="row">
              <button
                type="button"
                className="button-secondary"
                onClick={() => setSplitting(true)}
                data-testid="tx-split-open"
              >
                {tx.splits.length ? 'Edit split' : 'Split'}
              </button>
              <button type="button" className="button-secondary" onClick={onClose}>
                Cancel
              </button>
              <button type="submit" disabled={update.isPending} data-testid="tx-edit-save">
                Save
              </button>
            </div>
          </div>
        )}
      </form>
    </Dialog>
  );
}
