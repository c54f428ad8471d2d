import { AccountCard } from '../account/AccountCard';
import { useCurrentUser } from '../auth/queries';
import { NoticeSettingsCard } from '../notices/NoticeSettingsCard';
import { RulesCard } from '../rules/RulesCard';

export function SettingsPage() {
  const user = useCurrentUser();
  return (
    <div className="stack-lg">
      <RulesCard userId={user.id} />
      <NoticeSettingsCard userId={user.id} />
      <AccountCard userId={user.id} />
    </div>
  );
}
