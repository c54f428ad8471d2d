import { AssetsCard } from '../assets/AssetsCard';
import { useCurrentUser } from '../auth/queries';
import { BudgetCard } from '../budgets/BudgetCard';
import { ForecastWarning } from '../forecast/ForecastWarning';
import { CurrencyPicker } from '../insights/currency';
import { IncomeSpendingChart } from '../insights/IncomeSpendingChart';
import { SpendingByCategory } from '../insights/SpendingByCategory';
import { BanksSection } from '../items/BanksSection';
import { currentMonth } from '../lib/format';
import { NetWorthCard } from '../net-worth/NetWorthCard';
import { UpcomingCard } from '../recurring/UpcomingCard';

export function HomePage() {
  const user = useCurrentUser();
  return (
    <div className="stack-lg">
      {/* What matters now first: the month's budget, what is due, a balance running low. */}
      <BudgetCard userId={user.id} />
      <UpcomingCard userId={user.id} />
      <ForecastWarning userId={user.id} />
      <CurrencyPicker userId={user.id} />
      <div className="grid-2">
        <NetWorthCard userId={user.id} />
        <SpendingByCategory userId={user.id} month={currentMonth()} />
      </div>
      <BanksSection userId={user.id} />
      <div className="grid-2">
        <IncomeSpendingChart userId={user.id} />
        <AssetsCard userId={user.id} />
      </div>
    </div>
  );
}
