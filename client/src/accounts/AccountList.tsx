import { Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { formatMoney } from '../lib/format';
import { accountName } from './accountText';
import { useItemAccounts } from './queries';

export function AccountList({ itemId }: { itemId: number }) {
  const accounts = useItemAccounts(itemId);
  if (accounts.isPending) return <Loading text="Loading accounts…" />;
  if (accounts.error) return <ErrorText error={accounts.error} />;
  if (accounts.data.length === 0) return <p className="muted small">No accounts yet.</p>;

  return (
    <ul className="accounts">
      {accounts.data.map((a) => {
        const currency = a.iso_currency_code ?? a.unofficial_currency_code;
        return (
          <li key={a.id} className="account-row" data-testid="account-row" data-account-id={a.id}>
            <div>
              <div className="account-name">
                {accountName(a)} {a.mask && <span className="muted">••{a.mask}</span>}
              </div>
              <div className="muted small">
                {a.type}
                {a.subtype ? ` · ${a.subtype}` : ''}
              </div>
            </div>
            <div className="account-balance">
              <div>{formatMoney(a.current_balance, currency)}</div>
              {a.available_balance !== null && a.available_balance !== a.current_balance && (
                <div className="muted small">{formatMoney(a.available_balance, currency)} available</div>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
