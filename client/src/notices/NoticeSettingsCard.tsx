import { useState, type FormEvent } from 'react';
import { Card } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { useSaveNoticeSettings } from './mutations';
import { useNoticeSettings } from './queries';

const DAYS = Array.from({ length: 15 }, (_, n) => n);

function Form({ userId, days }: { userId: number; days: number }) {
  const save = useSaveNoticeSettings(userId);
  const [chosen, setChosen] = useState(String(days));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ bill_due_days: Number(chosen) });
  };
  return (
    <form className="row wrap" onSubmit={submit}>
      <label className="checkbox">
        Tell me of a bill or subscription due
        <select
          style={{ width: 'auto' }}
          value={chosen}
          onChange={(e) => setChosen(e.target.value)}
          data-testid="notice-bill-due-days"
        >
          {DAYS.map((n) => (
            <option key={n} value={n}>
              {n === 0 ? 'never' : `${n} day${n === 1 ? '' : 's'} ahead`}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={save.isPending} data-testid="notice-settings-save">
        Save
      </button>
      {save.isSuccess && <span className="muted">Saved.</span>}
      <ErrorText error={save.error} />
    </form>
  );
}

/** Notices of new subscriptions and price rises always come; bills due, as the person says. */
export function NoticeSettingsCard({ userId }: { userId: number }) {
  const settings = useNoticeSettings(userId);
  return (
    <Card title="Notices">
      <p className="muted">The bell tells you of a new subscription, a price rise, and a payment due soon.</p>
      <ErrorText error={settings.error} />
      {settings.data && <Form userId={userId} days={settings.data.bill_due_days} />}
    </Card>
  );
}
