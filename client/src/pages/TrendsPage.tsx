import { useCurrentUser } from '../auth/queries';
import { CurrencyPicker } from '../insights/currency';
import { IncomeSpendingChart } from '../insights/IncomeSpendingChart';
import { TopMerchants } from '../insights/TopMerchants';
import { TrendsChart } from '../insights/TrendsChart';

export function TrendsPage() {
  const user = useCurrentUser();
  return (
    <div className="stack-lg">
      <CurrencyPicker userId={user.id} />
      <TrendsChart userId={user.id} />
      <div className="grid-2">
        <IncomeSpendingChart userId={user.id} />
        <TopMerchants userId={user.id} />
      </div>
    </div>
  );
}
