import { AssetsCard } from '../assets/AssetsCard';
import { BudgetCard } from '../budgets/BudgetCard';
import { ForecastWarning } from '../forecast/ForecastWarning';
import { useViewing } from '../households/viewing';
import { CurrencyPicker } from '../insights/currency';
import { IncomeSpendingChart } from '../insights/IncomeSpendingChart';
import { SpendingByCategory } from '../insights/SpendingByCategory';
import { BanksSection } from '../items/BanksSection';
import { currentMonth } from '../lib/format';
import { NetWorthCard } from '../net-worth/NetWorthCard';
import { UpcomingCard } from '../recurring/UpcomingCard';

export function HomePage() {
  const { userId, share, base } = useViewing();
  // Someone's money shared with this person: its figures, without their banks, assets,
  // bills or forecast (those stay the owner's).
  if (share)
    return (
      <div className="stack-lg">
        {share.budget && <BudgetCard userId={userId} base={base} />}
        <CurrencyPicker userId={userId} />
        <div className="grid-2">
          <NetWorthCard userId={userId} shared />
          <SpendingByCategory userId={userId} month={currentMonth()} />
        </div>
        <IncomeSpendingChart userId={userId} />
      </div>
    );
  return (
    <div className="stack-lg">
      {/* What matters now first: the month's budget, what is due, a balance running low. */}
      <BudgetCard userId={userId} />
      <UpcomingCard userId={userId} />
      <ForecastWarning userId={userId} />
      <CurrencyPicker userId={userId} />
      <div className="grid-2">
        <NetWorthCard userId={userId} />
        <SpendingByCategory userId={userId} month={currentMonth()} />
      </div>
      <BanksSection userId={userId} />
      <div className="grid-2">
        <IncomeSpendingChart userId={userId} />
        <AssetsCard userId={userId} />
      </div>
    </div>
  );
}
