import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { seriesText } from '../charts/chartText';
import { Card, Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { formatDate, formatMoney, formatMoneyWhole } from '../lib/format';
import { useNetWorth, useNetWorthHistory } from './queries';

/** Net worth now, and its history; of someone's money shared with this person (`shared`),
 * the shared accounts' alone and no history (the owner's snapshots count everything). */
export function NetWorthCard({ userId, shared = false }: { userId: number; shared?: boolean }) {
  const now = useNetWorth(userId);
  const history = useNetWorthHistory(userId, !shared);
  const main = now.data?.[0]?.currency ?? 'USD';
  const points = (history.data ?? [])
    .filter((s) => s.iso_currency_code === main)
    .map((s) => ({ date: s.snapshot_date, value: Number(s.net_worth) }));

  return (
    <Card title="Net worth" className="net-worth">
      {now.isPending && <Loading />}
      <ErrorText error={now.error} />
      {now.data && now.data.length === 0 && (
        <p className="muted">
          {shared
            ? 'The accounts shared with you have no balances yet.'
            : 'Link a bank, or add a manual account or an asset, to see your net worth.'}
        </p>
      )}
      <div className="net-worth-totals" data-testid="net-worth-total">
        {now.data?.map((n) => (
          <div key={n.currency} className="net-worth-row" data-currency={n.currency}>
            <span className="big-number">{formatMoney(n.net_worth, n.currency)}</span>
            <span className="muted small">
              assets {formatMoney(n.assets, n.currency)} · liabilities {formatMoney(n.liabilities, n.currency)}
            </span>
          </div>
        ))}
      </div>
      {points.length > 1 && (
        <div className="chart chart-small">
          <ResponsiveContainer width="100%" height="100%">
            <LineChart
              data={points}
              margin={{ top: 8, right: 8, bottom: 0, left: 8 }}
              role="img"
              aria-label={seriesText('net worth', points, main)}
            >
              <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
              <XAxis dataKey="date" tickFormatter={(d: string) => formatDate(d)} minTickGap={40} fontSize={12} />
              <YAxis tickFormatter={(v: number) => formatMoneyWhole(v, main)} width={80} fontSize={12} />
              <Tooltip
                formatter={(v) => formatMoney(Number(v), main)}
                labelFormatter={(l) => (typeof l === 'string' ? formatDate(l) : l)}
              />
              <Line
                isAnimationActive={false}
                type="monotone"
                dataKey="value"
                name="Net worth"
                stroke="#2563eb"
                strokeWidth={2}
                dot={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
      {points.length === 1 && <p className="muted small">The history chart fills in as days go by.</p>}
    </Card>
  );
}
