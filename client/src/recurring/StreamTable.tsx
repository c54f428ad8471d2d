import { useState } from 'react';
import type { RecurringStream } from '../api/types';
import { ErrorText } from '../components/ErrorText';
import { formatDate, formatMoney } from '../lib/format';
import { frequencyLabel, streamName } from './labels';
import { useOverrideStream } from './mutations';

interface Props {
  userId: number;
  title: string;
  streams: RecurringStream[];
  testId: string;
}

/** One kind of stream (subscriptions, bills, income) with what the person can say of each. */
export function StreamTable({ userId, title, streams, testId }: Props) {
  if (streams.length === 0) return null;
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        <caption className="table-caption">{title}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Account</th>
            <th scope="col">How often</th>
            <th scope="col">Last paid</th>
            <th scope="col">Next</th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col" className="num">
              A month
            </th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {streams.map((stream) => (
            <StreamRow key={stream.stream_id} userId={userId} stream={stream} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function StreamRow({ userId, stream }: { userId: number; stream: RecurringStream }) {
  const override = useOverrideStream(userId);
  const [editing, setEditing] = useState(false);
  const [amount, setAmount] = useState('');
  const name = streamName(stream);
  const expected = Math.abs(Number(stream.expected_amount));
  const changed = stream.expected_amount !== stream.last_amount;

  function save(body: { not_recurring?: boolean; expected_amount?: string | null }) {
    override.mutate(
      {
        streamId: stream.stream_id,
        body: { not_recurring: stream.not_recurring, expected_amount: changed ? String(expected) : null, ...body },
      },
      { onSuccess: () => setEditing(false) },
    );
  }

  return (
    <tr data-stream={name} className={stream.is_active && !stream.not_recurring ? '' : 'row-hidden'}>
      <td>
        <span>{name}</span>
        {!stream.is_active && <span className="badge">Ended</span>}
        {stream.not_recurring && <span className="badge">Not recurring</span>}
        <span
          className="muted small stream-source"
          title={
            stream.source === 'plaid' ? 'Found by your bank, through Plaid' : 'Found by Pattern in your transactions'
          }
        >
          {stream.source === 'plaid' ? 'from your bank' : 'detected'}
        </span>
      </td>
      <td className="muted small">
        {stream.institution_name ? `${stream.institution_name} · ` : ''}
        {stream.account_name}
      </td>
      <td>{frequencyLabel(stream.frequency)}</td>
      <td className="nowrap">{formatDate(stream.last_date)}</td>
      <td className="nowrap">{stream.is_active ? formatDate(stream.predicted_next_date) : '—'}</td>
      <td className="num nowrap">
        {editing ? (
          <form
            className="row"
            onSubmit={(event) => {
              event.preventDefault();
              save({ expected_amount: amount.trim() === '' ? null : amount.trim() });
            }}
          >
            <label className="visually-hidden" htmlFor={`amount-${stream.stream_id}`}>
              Expected amount of {name}
            </label>
            <input
              id={`amount-${stream.stream_id}`}
              inputMode="decimal"
              size={8}
              value={amount}
              onChange={(event) => setAmount(event.target.value)}
              autoFocus
            />
            <button type="submit" disabled={override.isPending}>
              Save
            </button>
            <ErrorText error={override.error} />
          </form>
        ) : (
          <>
            {formatMoney(expected)}
            {changed && (
              <span className="muted small"> (last {formatMoney(Math.abs(Number(stream.last_amount)))})</span>
            )}
          </>
        )}
      </td>
      <td className="num nowrap">{formatMoney(Math.abs(Number(stream.monthly_amount)))}</td>
      <td className="nowrap">
        {!editing && (
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              setAmount(String(expected));
              setEditing(true);
            }}
            aria-label={`Change the amount of ${name}`}
          >
            Amount
          </button>
        )}{' '}
        <button
          type="button"
          className="button-secondary"
          disabled={override.isPending}
          onClick={() => save({ not_recurring: !stream.not_recurring })}
          aria-label={stream.not_recurring ? `${name} is recurring` : `${name} is not recurring`}
        >
          {stream.not_recurring ? 'Recurring' : 'Not recurring'}
        </button>
      </td>
    </tr>
  );
}
