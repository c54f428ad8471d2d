import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { categoryTotalsText } from '../charts/chartText';
import { Card, Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { formatMoney, formatMonth, formatMoneyWhole } from '../lib/format';
import { useInsightCurrency } from './currency';
import { categoryName } from './labels';
import { useTrends } from './queries';
import { categoryColor } from '../lib/categories';

const COLORS = [
  '#2563eb',
  '#dc2626',
  '#16a34a',
  '#d97706',
  '#7c3aed',
  '#0891b2',
  '#db2777',
  '#65a30d',
  '#475569',
  '#ea580c',
];
const SHOWN = 8;

/** Spending per category per month, stacked; the smallest categories folded into "Other". */
export function TrendsChart({ userId, months = 12 }: { userId: number; months?: number }) {
  const [currency] = useInsightCurrency();
  const trends = useTrends(userId, months, currency);
  const shownIn = trends.data?.currency;
  const categories = trends.data?.categories ?? [];
  const top = categories.slice(0, SHOWN).map((c) => categoryName(c.category));
  const rest = categories.slice(SHOWN);
  const keys = rest.length ? [...top, 'Other'] : top;
  // The colour the person chose for a group, else the palette's.
  const colors = categories.slice(0, SHOWN).map((c) => categoryColor(c.category));

  const data = trends.data?.months.map((month) => {
    const row: Record<string, number | string> = { month };
    for (const c of categories.slice(0, SHOWN)) {
      row[categoryName(c.category)] = Number(c.series.find((s) => s.month === month)?.spending ?? 0);
    }
    if (rest.length) {
      row.Other = rest.reduce((sum, c) => sum + Number(c.series.find((s) => s.month === month)?.spending ?? 0), 0);
    }
    return row;
  });

  return (
    <Card title="Spending by category">
      {trends.isPending && <Loading />}
      <ErrorText error={trends.error} />
      {data && categories.length === 0 && <p className="muted">No spending yet.</p>}
      {data && categories.length > 0 && (
        <div className="chart chart-tall">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart
              data={data}
              margin={{ top: 8, right: 8, bottom: 0, left: 8 }}
              role="img"
              aria-label={categoryTotalsText(data, keys, shownIn)}
            >
              <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" vertical={false} />
              <XAxis dataKey="month" tickFormatter={(m: string) => formatMonth(m)} fontSize={12} />
              <YAxis tickFormatter={(v: number) => formatMoneyWhole(v, shownIn)} width={80} fontSize={12} />
              <Tooltip
                formatter={(v) => formatMoney(Number(v), shownIn)}
                labelFormatter={(l) => (typeof l === 'string' ? formatMonth(l) : l)}
              />
              <Legend />
              {keys.map((key, i) => (
                <Bar
                  isAnimationActive={false}
                  key={key}
                  dataKey={key}
                  stackId="spending"
                  fill={colors[i] ?? COLORS[i % COLORS.length]}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </Card>
  );
}
