import { Card, Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { formatMoney } from '../lib/format';
import { useInsightCurrency } from './currency';
import { categoryName } from './labels';
import { useSpending } from './queries';
import { categoryColor } from '../lib/categories';

/** This month's spending per category as proportional bars. */
export function SpendingByCategory({ userId, month }: { userId: number; month: string }) {
  const [currency] = useInsightCurrency();
  const spending = useSpending(userId, month, currency);
  const data = spending.data;
  const money = (value: string) => formatMoney(value, data?.currency);
  const max = Math.max(1, ...(data?.categories.map((c) => Number(c.total)) ?? [1]));

  return (
    <Card title="Spending this month" actions={data && <strong>{money(data.total)}</strong>}>
      {spending.isPending && <Loading />}
      <ErrorText error={spending.error} />
      {data && data.categories.length === 0 && <p className="muted">No spending this month yet.</p>}
      <ul className="bars">
        {data?.categories.map((c) => (
          <li
            key={c.category}
            title={c.subcategories
              .map((s) => `${categoryName(s.subcategory, c.category)}: ${money(s.total)}`)
              .join('\n')}
          >
            <div className="bar-label">
              <span>{categoryName(c.category)}</span>
              <span>{money(c.total)}</span>
            </div>
            <div className="bar-track">
              <div
                className="bar-fill"
                style={{ width: `${(Number(c.total) / max) * 100}%`, background: categoryColor(c.category) }}
              />
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}
