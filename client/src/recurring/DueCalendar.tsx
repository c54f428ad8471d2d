import type { UpcomingPayment } from '../api/types';
import { formatDate, formatMoney } from '../lib/format';
import { nextDays } from './labels';

/** What is due from today through the next 30 days, as a calendar of weeks. */
export function DueCalendar({ today, upcoming }: { today: string; upcoming: UpcomingPayment[] }) {
  const days = nextDays(today);
  const byDay = new Map<string, UpcomingPayment[]>();
  for (const payment of upcoming) byDay.set(payment.date, [...(byDay.get(payment.date) ?? []), payment]);
  // Monday first: blank cells before today's weekday.
  const lead = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  return (
    <div className="due-calendar" role="list" aria-label="Due in the next 30 days" data-testid="due-calendar">
      {['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].map((name) => (
        <div key={name} className="due-weekday" aria-hidden="true">
          {name}
        </div>
      ))}
      {Array.from({ length: lead }, (_, k) => (
        <div key={`blank-${k}`} className="due-day due-blank" aria-hidden="true" />
      ))}
      {days.map((day) => {
        const due = byDay.get(day) ?? [];
        return (
          <div
            key={day}
            role="listitem"
            aria-label={formatDate(day)}
            className={`due-day${due.length ? ' due-some' : ''}`}
            data-date={day}
          >
            <span className="due-date">{Number(day.slice(8))}</span>
            {due.map((payment) => (
              <span key={payment.stream_id} className={`due-payment due-${payment.kind}`}>
                {payment.description} {formatMoney(Math.abs(Number(payment.amount)))}
              </span>
            ))}
          </div>
        );
      })}
    </div>
  );
}
