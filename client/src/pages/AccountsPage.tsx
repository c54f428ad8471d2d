import { useState } from 'react';
import { AccountCard } from '../accounts/AccountCard';
import { groupAccounts } from '../accounts/accountText';
import { useEveryAccount } from '../accounts/queries';
import { AssetsCard } from '../assets/AssetsCard';
import { useCurrentUser } from '../auth/queries';
import { Card, Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { useBankNames } from '../items/queries';
import { ManualAccountDialog } from '../manual/ManualAccountDialog';
import { NetWorthByType } from '../net-worth/NetWorthByType';

/** Every account by type (the manual ones together), with its chart and settings; net worth
 * over time; manual assets. */
export function AccountsPage() {
  const user = useCurrentUser();
  const accounts = useEveryAccount(user.id);
  const banks = useBankNames(user.id);
  const groups = groupAccounts(accounts.data ?? []);
  const [adding, setAdding] = useState(false);

  return (
    <div className="stack-lg">
      <NetWorthByType userId={user.id} />
      {accounts.isPending && <Loading text="Loading accounts…" />}
      <ErrorText error={accounts.error} />
      {accounts.data?.length === 0 && (
        <Card title="Accounts">
          <p className="muted">No accounts yet: link a bank on the Home page, or add a manual account.</p>
        </Card>
      )}
      {groups.map((group) => (
        <Card key={group.key} title={group.title} className="account-group">
          <div className="account-cards" data-testid={`account-group-${group.key}`}>
            {group.accounts.map((account) => (
              <AccountCard key={account.id} account={account} bank={banks.get(account.item_id)} />
            ))}
          </div>
        </Card>
      ))}
      <div className="row">
        <button type="button" onClick={() => setAdding(true)} data-testid="add-manual-account">
          Add manual account
        </button>
        <span className="muted small">For cash, or a bank Plaid cannot reach.</span>
      </div>
      {adding && <ManualAccountDialog userId={user.id} onClose={() => setAdding(false)} />}
      <AssetsCard userId={user.id} />
    </div>
  );
}
