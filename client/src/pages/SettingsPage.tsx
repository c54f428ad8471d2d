import { useCurrentUser } from '../auth/queries';
import { RulesCard } from '../rules/RulesCard';

export function SettingsPage() {
  const user = useCurrentUser();
  return (
    <div className="stack-lg">
      <RulesCard userId={user.id} />
    </div>
  );
}
