import { useState } from 'react';
import { AccountCard } from '../accounts/AccountCard';
import { groupAccounts } from '../accounts/accountText';
import { useEveryAccount } from '../accounts/queries';
import { AssetsCard } from '../assets/AssetsCard';
import { Card, Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { useViewing } from '../households/viewing';
import { useBankNames } from '../items/queries';
import { ManualAccountDialog } from '../manual/ManualAccountDialog';
import { NetWorthByType } from '../net-worth/NetWorthByType';

/** Every account by type (the manual ones together), with its chart and settings; net worth
 * over time; manual assets. */
export function AccountsPage() {
  // Someone's shared accounts: to look at only; their settings and assets stay the owner's.
  const { userId, share, base } = useViewing();
  const accounts = useEveryAccount(userId);
  const banks = useBankNames(userId);
  const groups = groupAccounts(accounts.data ?? []);
  const [adding, setAdding] = useState(false);

  return (
    <div className="stack-lg">
      <NetWorthByType userId={userId} shared={share !== null} />
      {accounts.isPending && <Loading text="Loading accounts…" />}
      <ErrorText error={accounts.error} />
      {accounts.data?.length === 0 && (
        <Card title="Accounts">
          <p className="muted">
            {share
              ? 'None of the accounts shared with you is left.'
              : 'No accounts yet: link a bank on the Home page, or add a manual account.'}
          </p>
        </Card>
      )}
      {groups.map((group) => (
        <Card key={group.key} title={group.title} className="account-group">
          <div className="account-cards" data-testid={`account-group-${group.key}`}>
            {group.accounts.map((account) => (
              <AccountCard
                key={account.id}
                account={account}
                bank={banks.get(account.item_id)}
                shared={share !== null}
                base={base}
              />
            ))}
          </div>
        </Card>
      ))}
      {!share && (
        <>
          <div className="row">
            <button type="button" onClick={() => setAdding(true)} data-testid="add-manual-account">
              Add manual account
            </button>
            <span className="muted small">For cash, or a bank Plaid cannot reach.</span>
          </div>
          {adding && <ManualAccountDialog userId={userId} onClose={() => setAdding(false)} />}
          <AssetsCard userId={userId} />
        </>
      )}
    </div>
  );
}
