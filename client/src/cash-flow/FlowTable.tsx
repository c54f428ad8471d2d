import { Link } from 'react-router-dom';
import type { MonthCashFlow } from '../api/types';
import { formatMoney } from '../lib/format';
import { nodeLabel, transactionsHref } from './links';

const SIDES = [
  { title: 'Money in', kinds: ['source', 'from_savings'] },
  { title: 'Money out', kinds: ['group', 'savings'] },
] as const;

/** The flow chart's boxes as a table, for keyboards and screen readers. */
export function FlowTable({ data }: { data: MonthCashFlow }) {
  return (
    <div className="grid-2 flow-tables">
      {SIDES.map((side) => (
        <div key={side.title} className="table-wrap">
          <table className="table" data-testid={`flow-table-${side.kinds[0]}`}>
            <caption className="muted small">{side.title}</caption>
            <thead>
              <tr>
                <th scope="col">From / to</th>
                <th scope="col">Amount</th>
                <th scope="col">Transactions</th>
              </tr>
            </thead>
            <tbody>
              {data.nodes
                .filter((node) => (side.kinds as readonly string[]).includes(node.kind))
                .map((node) => (
                  <tr key={`${node.kind}-${node.name ?? ''}-${node.other}`}>
                    <th scope="row">{nodeLabel(node)}</th>
                    <td>
                      <Link to={transactionsHref(node.transactions)}>{formatMoney(node.amount, data.currency)}</Link>
                    </td>
                    <td>{node.count || ''}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}
