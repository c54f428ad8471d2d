import { Link } from 'react-router-dom';
import type { CashFlow } from '../api/types';
import { formatMoney, formatMonth } from '../lib/format';
import { formatRate, monthFilter, onlyCurrency, transactionsHref } from './links';

/** The bars' figures as a table: each amount opens its transactions. */
export function MonthTable({
  data,
  chosen,
  onChoose,
}: {
  data: CashFlow;
  chosen: string;
  onChoose: (month: string) => void;
}) {
  const money = (value: string) => formatMoney(value, data.currency);
  const only = onlyCurrency(data);
  return (
    <div className="table-wrap">
      <table className="table" data-testid="cash-flow-months">
        <caption className="muted small">Income, spending and savings by month</caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col">Income</th>
            <th scope="col">Spending</th>
            <th scope="col">Net</th>
            <th scope="col">Savings rate</th>
          </tr>
        </thead>
        <tbody>
          {[...data.months].reverse().map((m) => (
            <tr key={m.month} aria-current={m.month === chosen ? 'true' : undefined}>
              <th scope="row">
                <button type="button" className="link-button" onClick={() => onChoose(m.month)}>
                  {formatMonth(m.month)}
                </button>
              </th>
              <td>
                <Link to={transactionsHref(monthFilter(m.month, 'income', only))}>{money(m.income)}</Link>
              </td>
              <td>
                <Link to={transactionsHref(monthFilter(m.month, 'spending', only))}>{money(m.spending)}</Link>
              </td>
              <td>
                <Link to={transactionsHref(monthFilter(m.month, 'all', only))}>{money(m.net)}</Link>
              </td>
              <td>{formatRate(m.savings_rate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
