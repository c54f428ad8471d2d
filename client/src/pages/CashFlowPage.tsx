import { useSearchParams } from 'react-router-dom';
import { useCurrentUser } from '../auth/queries';
import { FlowChart } from '../cash-flow/FlowChart';
import { FlowTable } from '../cash-flow/FlowTable';
import { MonthBars } from '../cash-flow/MonthBars';
import { MonthFigures } from '../cash-flow/MonthFigures';
import { MonthTable } from '../cash-flow/MonthTable';
import { useCashFlow, useMonthCashFlow } from '../cash-flow/queries';
import { Card, Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { CurrencyPicker, useInsightCurrency } from '../insights/currency';
import { currentMonth, formatMoney, formatMonth } from '../lib/format';

const MONTHS = 12;

/** Where the money came from and went: the last 12 months, then one month's flow. */
export function CashFlowPage() {
  const user = useCurrentUser();
  const [currency] = useInsightCurrency();
  const [params, setParams] = useSearchParams();
  const months = useCashFlow(user.id, MONTHS, currency);
  const chosen = params.get('month') || currentMonth();
  const choose = (month: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('month', month);
        return next;
      },
      { replace: true },
    );
  const data = months.data;

  return (
    <div className="stack-lg">
      <CurrencyPicker userId={user.id} />
      <Card
        title="Cash flow"
        actions={
          data && (
            <span className="muted small">
              net {formatMoney(data.net, data.currency)} over {MONTHS} months
            </span>
          )
        }
      >
        {months.isPending && <Loading />}
        <ErrorText error={months.error} />
        {data && (
          <>
            <MonthBars data={data} />
            <MonthTable data={data} chosen={chosen} onChoose={choose} />
          </>
        )}
      </Card>
      <Card
        title={`Flow of ${formatMonth(chosen)}`}
        actions={
          <label className="small">
            Month{' '}
            <select value={chosen} onChange={(e) => choose(e.target.value)} data-testid="cash-flow-month">
              {[...(data?.months.map((m) => m.month) ?? [chosen])].reverse().map((month) => (
                <option key={month} value={month}>
                  {formatMonth(month)}
                </option>
              ))}
            </select>
          </label>
        }
      >
        <MonthFlow userId={user.id} month={chosen} currency={currency} />
      </Card>
    </div>
  );
}

function MonthFlow({ userId, month, currency }: { userId: number; month: string; currency?: string }) {
  const flow = useMonthCashFlow(userId, month, currency);
  if (flow.isPending) return <Loading />;
  if (flow.error) return <ErrorText error={flow.error} />;
  const data = flow.data;
  return (
    <>
      <MonthFigures data={data} />
      {data.links.length === 0 ? (
        <p className="muted">No income or spending in this month.</p>
      ) : (
        <>
          <FlowChart data={data} />
          <FlowTable data={data} />
        </>
      )}
    </>
  );
}
