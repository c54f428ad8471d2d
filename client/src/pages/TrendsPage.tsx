import { useViewing } from '../households/viewing';
import { CurrencyPicker } from '../insights/currency';
import { IncomeSpendingChart } from '../insights/IncomeSpendingChart';
import { TopMerchants } from '../insights/TopMerchants';
import { TrendsChart } from '../insights/TrendsChart';

export function TrendsPage() {
  const { userId } = useViewing();
  return (
    <div className="stack-lg">
      <CurrencyPicker userId={userId} />
      <TrendsChart userId={userId} />
      <div className="grid-2">
        <IncomeSpendingChart userId={userId} />
        <TopMerchants userId={userId} />
      </div>
    </div>
  );
}
