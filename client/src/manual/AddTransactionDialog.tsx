import { useState, type FormEvent } from 'react';
import type { Account } from '../api/types';
import { accountName } from '../accounts/accountText';
import { Dialog } from '../components/Dialog';
import { ErrorText } from '../components/ErrorText';
import { useToast } from '../components/toasts';
import { today } from '../lib/format';
import { CategoryFields } from '../transactions/CategoryFields';
import { TagNoteFields } from '../transactions/TagNoteFields';
import { parseTags } from '../transactions/tags';
import { toApiAmount, type Direction } from './amount';
import { AmountFields } from './AmountFields';
import { useAddManualTransaction } from './mutations';

interface Props {
  userId: number;
  account: Account;
  onClose: () => void;
}

/** Type a transaction into a manual account: it counts everywhere a bank's does. */
export function AddTransactionDialog({ userId, account, onClose }: Props) {
  const add = useAddManualTransaction();
  const toast = useToast();
  const [date, setDate] = useState(today());
  const [name, setName] = useState('');
  const [amountText, setAmountText] = useState('');
  const [direction, setDirection] = useState<Direction>('out');
  const [category, setCategory] = useState('');
  const [subcategory, setSubcategory] = useState('');
  const [note, setNote] = useState('');
  const [tagText, setTagText] = useState('');
  const [tried, setTried] = useState(false);
  const amount = toApiAmount(amountText, direction);
  const tags = parseTags(tagText);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!amount.ok || !tags.ok || !name.trim()) return;
    add.mutate(
      {
        accountId: account.id,
        body: {
          date,
          name: name.trim(),
          amount: amount.amount,
          category: category.trim() || null,
          subcategory: subcategory.trim() || null,
          note: note.trim() || null,
          tags: tags.tags,
        },
      },
      {
        onSuccess: () => {
          toast('Transaction added.', 'success');
          onClose();
        },
      },
    );
  };

  return (
    <Dialog title={`Add transaction to ${accountName(account)}`} onClose={onClose} testId="manual-tx-dialog">
      <form className="stack" onSubmit={onSubmit}>
        <label>
          Name
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={512}
            autoFocus
            data-testid="manual-tx-name"
          />
        </label>
        <AmountFields
          text={amountText}
          direction={direction}
          parsed={tried || amountText ? amount : { ok: true, amount: '' }}
          onText={setAmountText}
          onDirection={setDirection}
        />
        <label>
          Date
          <input
            type="date"
            min="1900-01-01"
            value={date}
            onChange={(e) => setDate(e.target.value)}
            required
            data-testid="manual-tx-date"
          />
        </label>
        <CategoryFields
          userId={userId}
          prefix="manual-tx"
          category={category}
          subcategory={subcategory}
          onCategory={setCategory}
          onSubcategory={setSubcategory}
        />
        <TagNoteFields
          prefix="manual-tx"
          tagText={tagText}
          tags={tags}
          note={note}
          onTagText={setTagText}
          onNote={setNote}
        />
        <ErrorText error={add.error} />
        <div className="row spread">
          <span />
          <div className="row">
            <button type="button" className="button-secondary" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" disabled={add.isPending} data-testid="manual-tx-save">
              Add
            </button>
          </div>
        </div>
      </form>
    </Dialog>
  );
}
