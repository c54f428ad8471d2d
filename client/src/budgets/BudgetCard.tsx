import { Link } from 'react-router-dom';
import { Card, Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { formatMoney } from '../lib/format';
import { PaceBar, paceText } from './PaceBar';
import { useBudget } from './queries';

/** The home page's lead: this month's budget, what is left to spend and the pace. `base`:
 * where the budget page is ('/shared/<owner>' for a budget shared with this person). */
export function BudgetCard({ userId, base = '' }: { userId: number; base?: string }) {
  const budget = useBudget(userId, 'current');
  const data = budget.data;
  const money = (value: string | number) => formatMoney(value, data?.currency);
  const budgeted = data && Number(data.totals.available) !== 0;
  return (
    <Card title="This month's budget" actions={<Link to={`${base}/budget`}>Open budget</Link>} className="budget-card">
      {budget.isPending && <Loading />}
      <ErrorText error={budget.error} />
      {data && !budgeted && (
        <p className="muted">
          No budget yet: {money(data.totals.spent)} spent so far. <Link to={`${base}/budget`}>Set a budget</Link> in a
          minute.
        </p>
      )}
      {data && budgeted && (
        <div className="stack">
          <div className="row spread">
            <div>
              <div className="muted">Left to spend</div>
              <strong className="big-figure" data-testid="budget-left">
                {money(data.totals.left)}
              </strong>
            </div>
            <div className="align-right">
              <div className="muted">
                {money(data.totals.spent)} of {money(data.totals.available)}
              </div>
              <div data-testid="budget-pace" className={data.totals.pace === 'over' ? 'text-bad' : 'text-good'}>
                {paceText(data.totals, money)}
              </div>
            </div>
          </div>
          <PaceBar figures={data.totals} daysGone={data.days_gone} days={data.days} />
          <p className="muted small">
            Day {data.days_gone} of {data.days}
          </p>
        </div>
      )}
    </Card>
  );
}
