import { useCurrentUser } from '../auth/queries';
import { Card, Loading } from '../components/Card';
import { ForecastCard } from '../forecast/ForecastCard';
import { ErrorText } from '../components/ErrorText';
import { formatMoney } from '../lib/format';
import { DueCalendar } from '../recurring/DueCalendar';
import { useRecurring } from '../recurring/queries';
import { StreamTable } from '../recurring/StreamTable';

/** Subscriptions, bills and income that come back, and what is due in the next 30 days. */
export function RecurringPage() {
  const user = useCurrentUser();
  const recurring = useRecurring(user.id);
  const data = recurring.data;
  const current = data?.streams.filter((s) => s.is_active && !s.not_recurring) ?? [];
  const other = data?.streams.filter((s) => !s.is_active || s.not_recurring) ?? [];

  return (
    <div className="stack-lg">
      <Card title="Recurring">
        {recurring.isPending && <Loading />}
        <ErrorText error={recurring.error} />
        {data && (
          <div className="recurring-totals" data-testid="recurring-totals">
            <Total label="Subscriptions a month" value={data.subscriptions_monthly} testId="subscriptions-monthly" />
            <Total label="Bills a month" value={data.bills_monthly} testId="bills-monthly" />
            <Total label="Income a month" value={data.income_monthly} testId="income-monthly" />
          </div>
        )}
        {data && data.streams.length === 0 && (
          <p className="muted">
            Nothing recurring yet: payments show here once a merchant has been paid three times on a regular schedule.
          </p>
        )}
      </Card>
      <ForecastCard userId={user.id} />
      {data && (
        <Card title="Due in the next 30 days">
          {data.upcoming.length === 0 ? (
            <p className="muted">Nothing due.</p>
          ) : (
            <DueCalendar today={data.today} upcoming={data.upcoming} />
          )}
        </Card>
      )}
      {data && current.length > 0 && (
        <Card>
          <div className="stack-lg">
            <StreamTable
              userId={user.id}
              title="Subscriptions"
              testId="recurring-subscriptions"
              streams={current.filter((s) => s.kind === 'subscription')}
            />
            <StreamTable
              userId={user.id}
              title="Bills"
              testId="recurring-bills"
              streams={current.filter((s) => s.kind === 'bill')}
            />
            <StreamTable
              userId={user.id}
              title="Income"
              testId="recurring-income"
              streams={current.filter((s) => s.kind === 'income')}
            />
          </div>
        </Card>
      )}
      {other.length > 0 && (
        <Card>
          <StreamTable userId={user.id} title="Ended or not recurring" testId="recurring-other" streams={other} />
        </Card>
      )}
    </div>
  );
}

function Total({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="net-worth-row">
      <span className="muted small">{label}</span>
      <span className="big-number" data-testid={testId}>
        {formatMoney(value)}
      </span>
    </div>
  );
}
