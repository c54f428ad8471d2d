import { AccountCard } from '../account/AccountCard';
import { RecentActivityCard } from '../audit/RecentActivityCard';
import { useCurrentUser } from '../auth/queries';
import { HouseholdCard } from '../households/HouseholdCard';
import { NoticeSettingsCard } from '../notices/NoticeSettingsCard';
import { RulesCard } from '../rules/RulesCard';
import { ApiTokensCard } from '../tokens/ApiTokensCard';
import { TwoFactorCard } from '../two-factor/TwoFactorCard';
import { PreferencesCard } from '../users/PreferencesCard';

export function SettingsPage() {
  const user = useCurrentUser();
  return (
    <div className="stack-lg">
      <PreferencesCard userId={user.id} />
      <RulesCard userId={user.id} />
      <NoticeSettingsCard userId={user.id} />
      <HouseholdCard userId={user.id} />
      <AccountCard userId={user.id} />
      <TwoFactorCard />
      <ApiTokensCard userId={user.id} />
      <RecentActivityCard userId={user.id} />
    </div>
  );
}
