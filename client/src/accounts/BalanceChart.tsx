import { Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AccountBalance } from '../api/types';
import { seriesText } from '../charts/chartText';
import { ErrorText } from '../components/ErrorText';
import { formatDate, formatMoney, formatMoneyWhole } from '../lib/format';
import { useBalanceHistory } from './queries';

/** A balance per day: the last one seen that day. */
export function dailyBalances(history: AccountBalance[]): { date: string; value: number }[] {
  const byDay = new Map<string, number>();
  for (const row of history) {
    if (row.current_balance !== null) byDay.set(row.recorded_at.slice(0, 10), Number(row.current_balance));
  }
  return [...byDay].map(([date, value]) => ({ date, value }));
}

/** An account's balance as its syncs saw it change. */
export function BalanceChart({
  accountId,
  name,
  currency,
}: {
  accountId: number;
  name: string;
  currency: string | null;
}) {
  const history = useBalanceHistory(accountId);
  if (history.error) return <ErrorText error={history.error} />;
  const points = dailyBalances(history.data ?? []);
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
          <Line isAnimationActive={false} type="monotone" dataKey="value" name="Balance" stroke="#2563eb" dot={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
