import { useCurrentUser } from '../auth/queries';
import { IncomeSpendingChart } from '../insights/IncomeSpendingChart';
import { TopMerchants } from '../insights/TopMerchants';
import { TrendsChart } from '../insights/TrendsChart';

export function TrendsPage() {
  const user = useCurrentUser();
  return (
    <div className="stack-lg">
      <TrendsChart userId={user.id} />
      <div className="grid-2">
        <IncomeSpendingChart userId={user.id} />
        <TopMerchants userId={user.id} />
      </div>
    </div>
  );
}
