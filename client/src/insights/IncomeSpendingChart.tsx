import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { monthlyFlowText } from '../charts/chartText';
import { Card, Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { formatMoney, formatMonth, formatMoneyWhole } from '../lib/format';
import { useInsightCurrency } from './currency';
import { useMonthly } from './queries';

export function IncomeSpendingChart({ userId, months = 12 }: { userId: number; months?: number }) {
  const [currency] = useInsightCurrency();
  const monthly = useMonthly(userId, months, currency);
  const shownIn = monthly.data?.currency;
  const data = monthly.data?.months.map((m) => ({
    month: m.month,
    income: Number(m.income),
    spending: Number(m.spending),
  }));
  const empty = data?.every((m) => !m.income && !m.spending) ?? false;

  return (
    <Card
      title="Income and spending"
      actions={
        monthly.data && (
          <span className="muted small">
            net {formatMoney(monthly.data.net, shownIn)} over {months} months
          </span>
        )
      }
    >
      {monthly.isPending && <Loading />}
      <ErrorText error={monthly.error} />
      {empty && <p className="muted">No income or spending yet. Link a bank to see them month by month.</p>}
      {data && !empty && (
        <div className="chart">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart
              data={data}
              margin={{ top: 8, right: 8, bottom: 0, left: 8 }}
              role="img"
              aria-label={monthlyFlowText(data, shownIn)}
            >
              <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" vertical={false} />
              <XAxis dataKey="month" tickFormatter={(m: string) => formatMonth(m)} fontSize={12} />
              <YAxis tickFormatter={(v: number) => formatMoneyWhole(v, shownIn)} width={80} fontSize={12} />
              <Tooltip
                formatter={(v) => formatMoney(Number(v), shownIn)}
                labelFormatter={(l) => (typeof l === 'string' ? formatMonth(l) : l)}
              />
              <Legend />
              <Bar isAnimationActive={false} dataKey="income" name="Income" fill="#16a34a" radius={[3, 3, 0, 0]} />
              <Bar isAnimationActive={false} dataKey="spending" name="Spending" fill="#dc2626" radius={[3, 3, 0, 0]} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </Card>
  );
}
