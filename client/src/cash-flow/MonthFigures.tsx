import { Link } from 'react-router-dom';
import type { MonthCashFlow } from '../api/types';
import { formatMoney } from '../lib/format';
import { formatRate, transactionsHref } from './links';

/** The month's income, spending, net and savings rate; each amount opens its transactions. */
export function MonthFigures({ data }: { data: MonthCashFlow }) {
  const figures = [
    { label: 'Income', value: data.income, filter: data.income_transactions, id: 'income' },
    { label: 'Spending', value: data.spending, filter: data.spending_transactions, id: 'spending' },
    { label: 'Net', value: data.net, filter: data.net_transactions, id: 'net' },
  ];
  return (
    <dl className="figures" data-testid="cash-flow-figures">
      {figures.map((figure) => (
        <div key={figure.id}>
          <dt>{figure.label}</dt>
          <dd>
            <Link to={transactionsHref(figure.filter)} data-testid={`cash-flow-${figure.id}`}>
              {formatMoney(figure.value, data.currency)}
            </Link>
          </dd>
        </div>
      ))}
      <div>
        <dt>Savings rate</dt>
        <dd data-testid="cash-flow-rate">{formatRate(data.savings_rate)}</dd>
      </div>
    </dl>
  );
}
