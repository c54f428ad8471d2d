import { useNavigate } from 'react-router-dom';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CashFlow } from '../api/types';
import { monthlyFlowText } from '../charts/chartText';
import { formatMoney, formatMoneyWhole, formatMonth } from '../lib/format';
import { monthFilter, onlyCurrency, transactionsHref } from './links';

interface BarEntry {
  payload?: { month?: string };
}

/** Income and spending of each month; a bar opens its transactions. */
export function MonthBars({ data }: { data: CashFlow }) {
  const navigate = useNavigate();
  const rows = data.months.map((m) => ({
    month: m.month,
    income: Number(m.income),
    spending: Number(m.spending),
    net: Number(m.net),
  }));
  const open = (flow: 'income' | 'spending') => (entry: BarEntry) => {
    const month = entry.payload?.month;
    if (month) void navigate(transactionsHref(monthFilter(month, flow, onlyCurrency(data))));
  };
  return (
    <div className="chart" data-testid="cash-flow-bars">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={rows}
          margin={{ top: 8, right: 8, bottom: 0, left: 8 }}
          role="img"
          aria-label={monthlyFlowText(rows, data.currency)}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" vertical={false} />
          <XAxis dataKey="month" tickFormatter={(m: string) => formatMonth(m)} fontSize={12} />
          <YAxis tickFormatter={(v: number) => formatMoneyWhole(v, data.currency)} width={80} fontSize={12} />
          <Tooltip
            formatter={(v) => formatMoney(Number(v), data.currency)}
            labelFormatter={(l) => (typeof l === 'string' ? formatMonth(l) : l)}
          />
          <Legend />
          <Bar
            isAnimationActive={false}
            dataKey="income"
            name="Income"
            fill="#16a34a"
            radius={[3, 3, 0, 0]}
            cursor="pointer"
            onClick={open('income')}
          />
          <Bar
            isAnimationActive={false}
            dataKey="spending"
            name="Spending"
            fill="#dc2626"
            radius={[3, 3, 0, 0]}
            cursor="pointer"
            onClick={open('spending')}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
