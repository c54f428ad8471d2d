import { useState, type FormEvent } from 'react';
import type { BudgetSettings } from '../api/types';
import { Card } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { useBudgetSettings, useSaveBudgetSettings } from './queries';

function Form({ userId, settings }: { userId: number; settings: BudgetSettings }) {
  const save = useSaveBudgetSettings(userId);
  const [day, setDay] = useState(String(settings.month_start_day));
  const [target, setTarget] = useState(settings.income_target ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ month_start_day: Number(day), income_target: target.trim() === '' ? null : target.trim() });
  };
  return (
    <form className="row wrap" onSubmit={submit}>
      <label className="checkbox">
        Months start on day (payday)
        <select
          style={{ width: 'auto' }}
          value={day}
          onChange={(e) => setDay(e.target.value)}
          data-testid="budget-start-day"
        >
          {Array.from({ length: 28 }, (_, n) => (
            <option key={n + 1} value={n + 1}>
              {n + 1}
            </option>
          ))}
        </select>
      </label>
      <input
        inputMode="decimal"
        placeholder="Income target a month"
        aria-label="Income target a month"
        style={{ width: 'auto' }}
        value={target}
        onChange={(e) => setTarget(e.target.value)}
        data-testid="budget-income-target"
      />
      <button type="submit" disabled={save.isPending} data-testid="budget-settings-save">
        Save
      </button>
      {save.isSuccess && <span className="muted">Saved.</span>}
      <ErrorText error={save.error} />
    </form>
  );
}

/** The day budget months start on, and the income hoped for. */
export function BudgetSettingsForm({ userId }: { userId: number }) {
  const settings = useBudgetSettings(userId);
  return (
    <Card title="Budget settings">
      <ErrorText error={settings.error} />
      {settings.data && <Form userId={userId} settings={settings.data} />}
    </Card>
  );
}
