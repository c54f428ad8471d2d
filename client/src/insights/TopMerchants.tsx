import { Card, Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { formatMoney } from '../lib/format';
import { useInsightCurrency } from './currency';
import { useMerchants } from './queries';

export function TopMerchants({ userId, months = 12 }: { userId: number; months?: number }) {
  const [currency] = useInsightCurrency();
  const merchants = useMerchants(userId, months, currency);
  return (
    <Card title="Top merchants">
      {merchants.isPending && <Loading />}
      <ErrorText error={merchants.error} />
      {merchants.data && merchants.data.merchants.length === 0 && <p className="muted">No spending yet.</p>}
      {merchants.data && merchants.data.merchants.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>Merchant</th>
                <th className="num">Transactions</th>
                <th className="num">Total</th>
              </tr>
            </thead>
            <tbody>
              {merchants.data.merchants.map((m) => (
                <tr key={m.merchant} data-testid="merchant-row">
                  <td>{m.merchant}</td>
                  <td className="num">{m.count}</td>
                  <td className="num">{formatMoney(m.total, merchants.data.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
