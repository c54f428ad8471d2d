import { Link } from 'react-router-dom';
import { Card } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { formatDate, formatMoney } from '../lib/format';
import { useRecurring } from './queries';

/** The home page's list of what is due soon: bills, subscriptions and pay. */
export function UpcomingCard({ userId, days = 14 }: { userId: number; days?: number }) {
  const recurring = useRecurring(userId);
  const data = recurring.data;
  if (!data) return <ErrorText error={recurring.error} />;
  const end = new Date(`${data.today}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + days);
  const soon = data.upcoming.filter((u) => u.date <= end.toISOString().slice(0, 10));
  if (data.streams.length === 0) return null;
  return (
    <Card title="Coming up" actions={<Link to="/recurring">All recurring</Link>} className="upcoming">
      {soon.length === 0 && <p className="muted">Nothing due in the next {days} days.</p>}
      <ul className="assets" data-testid="upcoming-payments">
        {soon.map((payment) => (
          <li key={`${payment.stream_id}-${payment.date}`} className="asset-row">
            <span>{payment.description}</span>
            <span className="muted small nowrap">{formatDate(payment.date)}</span>
            <span className={`num nowrap ${payment.kind === 'income' ? '' : 'amount-out'}`}>
              {payment.kind === 'income' ? '+' : '−'}
              {formatMoney(Math.abs(Number(payment.amount)))}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
