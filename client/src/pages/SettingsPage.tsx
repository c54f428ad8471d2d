import { AccountCard } from '../account/AccountCard';
import { useCurrentUser } from '../auth/queries';
import { RulesCard } from '../rules/RulesCard';

export function SettingsPage() {
  const user = useCurrentUser();
  return (
    <div className="stack-lg">
      <RulesCard userId={user.id} />
      <AccountCard userId={user.id} />
    </div>
  );
}
