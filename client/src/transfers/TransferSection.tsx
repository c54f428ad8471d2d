import { useState } from 'react';
import type { Transaction, TransferCandidate } from '../api/types';
import { ErrorText } from '../components/ErrorText';
import { useToast } from '../components/toasts';
import { formatDate, formatTransactionAmount } from '../lib/format';
import { useConfirmTransfer, useMatchTransfer, useUnmatchTransfer } from './mutations';
import { useTransferCandidates } from './queries';

interface Props {
  userId: number;
  transaction: Transaction;
  /** After a decision: the dialog closes, the lists show the change. */
  onDone: () => void;
}

const STATUS = { auto: 'found by Pattern', confirmed: 'confirmed', manual: 'matched by you' } as const;

/** The transaction's transfer between the person's accounts: confirm or unmatch it, or match
 * the transaction with another by hand. */
export function TransferSection({ userId, transaction: tx, onDone }: Props) {
  const confirm = useConfirmTransfer();
  const unmatch = useUnmatchTransfer();
  const toast = useToast();
  const transfer = tx.transfer;
  if (!transfer) return <MatchWith userId={userId} transaction={tx} onDone={onDone} />;
  const direction = Number(tx.amount) > 0 ? 'to' : 'from';
  const done = (message: string) => () => {
    toast(message, 'success');
    onDone();
  };
  return (
    <section className="stack tight transfer-section" data-testid="tx-transfer">
      <p className="small">
        <span className="badge badge-transfer">Transfer</span> {direction} {transfer.other_account_name} ·{' '}
        <span className="muted">{STATUS[transfer.status]}</span>
      </p>
      <p className="muted small">Counted as neither spending nor income.</p>
      <ErrorText error={confirm.error ?? unmatch.error} />
      <div className="row">
        {transfer.status === 'auto' && (
          <button
            type="button"
            className="button-secondary"
            disabled={confirm.isPending}
            onClick={() => confirm.mutate(transfer.id, { onSuccess: done('Transfer confirmed.') })}
            data-testid="tx-transfer-confirm"
          >
            Confirm transfer
          </button>
        )}
        <button
          type="button"
          className="button-secondary"
          disabled={unmatch.isPending}
          onClick={() =>
            unmatch.mutate(transfer.id, { onSuccess: done('Unmatched: both count as their categories say.') })
          }
          data-testid="tx-transfer-unmatch"
        >
          Not a transfer
        </button>
      </div>
    </section>
  );
}

function MatchWith({ userId, transaction: tx, onDone }: Props) {
  const [open, setOpen] = useState(false);
  const candidates = useTransferCandidates(tx.id, open);
  const match = useMatchTransfer(userId);
  const toast = useToast();
  const choose = (other: TransferCandidate) =>
    match.mutate([tx.id, other.id], {
      onSuccess: () => {
        toast('Matched as a transfer.', 'success');
        onDone();
      },
    });
  if (!open) {
    return (
      <section className="row transfer-section">
        <button type="button" className="button-secondary" onClick={() => setOpen(true)} data-testid="tx-transfer-open">
          Match with a transfer…
        </button>
      </section>
    );
  }
  return (
    <section className="stack tight transfer-section" data-testid="tx-transfer-candidates">
      <p className="small">The other side of this transfer, on another of your accounts:</p>
      {candidates.isPending && <p className="muted small">Looking…</p>}
      {candidates.data?.length === 0 && (
        <p className="muted small">No transaction of the opposite sign within 10 days on your other accounts.</p>
      )}
      <ul className="candidate-list">
        {candidates.data?.map((c) => {
          const amount = formatTransactionAmount(c.amount, c.iso_currency_code);
          return (
            <li key={c.id}>
              <button
                type="button"
                className="candidate"
                disabled={match.isPending}
                onClick={() => choose(c)}
                data-testid="tx-transfer-candidate"
              >
                <span>
                  {formatDate(c.date)} · {c.name}
                  <span className="muted small"> · {c.account_name}</span>
                </span>
                <span className={`amount-${amount.direction}`}>{amount.text}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <ErrorText error={candidates.error ?? match.error} />
    </section>
  );
}
