import { useState } from 'react';
import { BudgetSettingsForm } from '../budgets/BudgetSettingsForm';
import { BudgetTable } from '../budgets/BudgetTable';
import { MonthPicker } from '../budgets/MonthPicker';
import { PaceBar, paceText } from '../budgets/PaceBar';
import { useBudget, useCopyPrevious, useFillFromAverage } from '../budgets/queries';
import { Card, Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { useViewing } from '../households/viewing';
import { formatMoney } from '../lib/format';

/** A budget month: lines by category group, editable in place, against what was spent. */
export function BudgetPage() {
  // A budget shared with this person: its lines editable with the role "edit"; its settings,
  // copying and filling stay the owner's.
  const { userId, share, canEdit } = useViewing();
  const [month, setMonth] = useState('current');
  const budget = useBudget(userId, month);
  const data = budget.data;
  const shown = data?.month ?? month;
  const copy = useCopyPrevious(userId, shown);
  const fill = useFillFromAverage(userId, shown);
  const [overwrite, setOverwrite] = useState(false);
  const money = (value: string | number | null) => formatMoney(value, data?.currency);

  return (
    <div className="stack-lg">
      <div className="row spread wrap">
        <h1>Budget</h1>
        {data && <MonthPicker month={data.month} current={data.current_month} onChange={setMonth} />}
      </div>
      {budget.isPending && <Loading />}
      <ErrorText error={budget.error ?? copy.error ?? fill.error} />
      {data && (
        <>
          <Card
            title={`${data.start_date} – ${data.end_date}`}
            actions={
              <span className={data.totals.pace === 'over' ? 'text-bad' : 'text-good'} data-testid="budget-pace">
                {paceText(data.totals, money)}
              </span>
            }
          >
            <div className="grid-2 tight">
              <div>
                <div className="muted">Left to spend</div>
                <strong className="big-figure" data-testid="budget-left">
                  {money(data.totals.left)}
                </strong>
                <div className="muted small" data-testid="budget-spent">
                  {money(data.totals.spent)} spent of {money(data.totals.available)}
                  {Number(data.totals.carried_in) !== 0 && ` (${money(data.totals.carried_in)} carried in)`}
                </div>
              </div>
              <div>
                <div className="muted">Income</div>
                <strong data-testid="budget-income">{money(data.income)}</strong>
                {data.income_target !== null && <div className="muted small">target {money(data.income_target)}</div>}
              </div>
            </div>
            <PaceBar figures={data.totals} daysGone={data.days_gone} days={data.days} />
            {!share && (
              <div className="row wrap" style={{ marginTop: 12 }}>
                <button
                  type="button"
                  className="button-secondary"
                  data-testid="budget-copy"
                  disabled={copy.isPending}
                  onClick={() => copy.mutate(overwrite)}
                >
                  Copy last month
                </button>
                {[3, 6, 12].map((months) => (
                  <button
                    key={months}
                    type="button"
                    className="button-secondary"
                    data-testid={`budget-fill-${months}`}
                    disabled={fill.isPending}
                    onClick={() => fill.mutate({ months, overwrite })}
                  >
                    Average of {months} months
                  </button>
                ))}
                <label className="checkbox">
                  <input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} />
                  Replace amounts already set
                </label>
              </div>
            )}
          </Card>
          <Card title="Categories">
            <BudgetTable userId={userId} budget={data} readOnly={!canEdit} />
          </Card>
        </>
      )}
      {!share && <BudgetSettingsForm userId={userId} />}
    </div>
  );
}
