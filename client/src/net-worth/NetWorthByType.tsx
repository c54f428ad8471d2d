import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DayWorth } from '../api/types';
import { netWorthPartsText } from '../charts/chartText';
import { Card, Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { formatDate, formatMoney, formatMoneyWhole } from '../lib/format';
import { useNetWorthDaily } from './queries';

// What the person has above the line, what they owe below it (drawn negative).
const PARTS = [
  { key: 'cash', name: 'Cash', color: '#16a34a', sign: 1 },
  { key: 'investments', name: 'Investments', color: '#2563eb', sign: 1 },
  { key: 'assets', name: 'Assets', color: '#7c3aed', sign: 1 },
  { key: 'credit', name: 'Credit owed', color: '#dc2626', sign: -1 },
  { key: 'loans', name: 'Loans owed', color: '#d97706', sign: -1 },
] as const;

type PartKey = (typeof PARTS)[number]['key'];

/** One currency's days as numbers, the debts negative so that they stack below zero. */
export function chartRows(days: DayWorth[], currency: string) {
  return days
    .filter((d) => d.currency === currency)
    .map((d) => {
      const row: Record<PartKey | 'net_worth', number> & { date: string } = {
        date: d.date,
        net_worth: Number(d.net_worth),
        cash: 0,
        investments: 0,
        assets: 0,
        credit: 0,
        loans: 0,
      };
      for (const part of PARTS) row[part.key] = part.sign * Number(d[part.key]) || 0; // never -0
      return row;
    });
}

/** Net worth on every day since the first transaction, stacked by type; of someone's money
 * shared with this person (`shared`), the shared accounts' only. */
export function NetWorthByType({ userId, shared = false }: { userId: number; shared?: boolean }) {
  const daily = useNetWorthDaily(userId);
  const currency = daily.data?.[daily.data.length - 1]?.currency ?? 'USD';
  const rows = chartRows(daily.data ?? [], currency);
  const text = netWorthPartsText(
    rows.map((r) => ({ ...r, credit: -r.credit, loans: -r.loans })),
    currency,
  );

  return (
    <Card title="Net worth over time" className="net-worth-by-type">
      {daily.isPending && <Loading />}
      <ErrorText error={daily.error} />
      {daily.data && rows.length === 0 && (
        <p className="muted">
          {shared
            ? 'The accounts shared with you have no balances yet.'
            : 'Link a bank, or add a manual account or an asset, to see your net worth.'}
        </p>
      )}
      {rows.length > 0 && (
        <div className="chart chart-tall" data-testid="net-worth-by-type" data-days={rows.length}>
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart
              data={rows}
              stackOffset="sign"
              margin={{ top: 8, right: 8, bottom: 0, left: 8 }}
              role="img"
              aria-label={text}
            >
              <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" vertical={false} />
              <XAxis dataKey="date" tickFormatter={(d: string) => formatDate(d)} minTickGap={40} fontSize={12} />
              <YAxis tickFormatter={(v: number) => formatMoneyWhole(v, currency)} width={90} fontSize={12} />
              <Tooltip
                formatter={(v) => formatMoney(Math.abs(Number(v)), currency)}
                labelFormatter={(l) => (typeof l === 'string' ? formatDate(l) : l)}
              />
              <Legend />
              {PARTS.map((part) => (
                <Area
                  key={part.key}
                  isAnimationActive={false}
                  type="stepAfter"
                  dataKey={part.key}
                  name={part.name}
                  stackId="worth"
                  stroke={part.color}
                  fill={part.color}
                  fillOpacity={0.35}
                />
              ))}
              <Line
                isAnimationActive={false}
                type="stepAfter"
                dataKey="net_worth"
                name="Net worth"
                stroke="currentColor"
                strokeWidth={2}
                dot={false}
              />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
      <p className="muted small">
        {shared
          ? 'The accounts shared with you, without the owner’s other accounts and assets.'
          : 'Worked back from today’s balances and your transactions; days with a saved snapshot use it.'}
      </p>
    </Card>
  );
}
