import { Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { seriesText } from '../charts/chartText';
import { ErrorText } from '../components/ErrorText';
import { formatDate, formatMoney, formatMoneyWhole } from '../lib/format';
import { useDailyBalances } from './queries';

/** An account's balance on every day since its first transaction. */
export function BalanceChart({
  accountId,
  name,
  currency,
}: {
  accountId: number;
  name: string;
  currency: string | null;
}) {
  const history = useDailyBalances(accountId);
  if (history.error) return <ErrorText error={history.error} />;
  const points = (history.data ?? []).map((d) => ({ date: d.date, value: Number(d.balance) }));
  if (points.length < 2)
    return history.data ? <p className="muted small">The balance chart fills in as days go by.</p> : null;
  return (
    <div className="chart chart-mini" data-testid="balance-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart
          data={points}
          margin={{ top: 4, right: 4, bottom: 0, left: 4 }}
          role="img"
          aria-label={seriesText(`the balance of ${name}`, points, currency)}
        >
          <XAxis dataKey="date" hide />
          <YAxis hide domain={['auto', 'auto']} tickFormatter={(v: number) => formatMoneyWhole(v, currency)} />
          <Tooltip
            formatter={(v) => formatMoney(Number(v), currency)}
            labelFormatter={(l) => (typeof l === 'string' ? formatDate(l) : l)}
          />
          <Line
            isAnimationActive={false}
            type="stepAfter"
            dataKey="value"
            name="Balance"
            stroke="#2563eb"
            dot={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
