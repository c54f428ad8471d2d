import { Link } from 'react-router-dom';
import { formatDate, formatMoney } from '../lib/format';
import { useForecast } from './queries';

/** On the home page: the accounts that would go below the person's threshold, if any. */
export function ForecastWarning({ userId }: { userId: number }) {
  const forecast = useForecast(userId).data;
  const low = forecast?.accounts.filter((a) => a.below_threshold) ?? [];
  if (!forecast || low.length === 0) return null;
  return (
    <div className="warning" role="alert" data-testid="forecast-warning">
      {low.map((account) => (
        <p key={account.account_id} className="forecast-line">
          {account.institution_name ? `${account.institution_name} · ` : ''}
          {account.account_name} may fall to {formatMoney(account.lowest_balance, account.currency)} on{' '}
          {formatDate(account.lowest_date)}
          {Number(forecast.threshold) !== 0 && ` (below your ${formatMoney(forecast.threshold, account.currency)})`}.
        </p>
      ))}
      <Link to="/recurring">See the forecast</Link>
    </div>
  );
}
