import { Navigate } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { useCurrentUser } from '../auth/queries';
import { Card, Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { useConfig } from '../config/queries';
import { InvitesCard } from '../invites/InvitesCard';
import { useToast } from '../components/toasts';
import { SyncRequestsCard } from '../sync/SyncRequestsCard';
import { formatDateTime } from '../lib/format';
import { useDeleteUser } from '../users/mutations';
import { useUsers } from '../users/queries';
import { TwoFactorPolicyCard } from '../two-factor/TwoFactorPolicyCard';

export function AdminPage() {
  const me = useCurrentUser();
  const config = useConfig();
  if (!me.is_admin) return <Navigate to="/" replace />;
  return (
    <div className="stack-lg">
      <UsersCard myId={me.id} />
      {config.data && <InvitesCard signUp={config.data.sign_up} />}
      <TwoFactorPolicyCard />
      <SyncRequestsCard />
    </div>
  );
}

function UsersCard({ myId }: { myId: number }) {
  const users = useUsers();
  const remove = useDeleteUser();
  const toast = useToast();

  return (
    <Card title="Users">
      {users.isPending && <Loading />}
      <ErrorText error={users.error} />
      {users.data && (
        <table className="table">
          <thead>
            <tr>
              <th>Username</th>
              <th>Role</th>
              <th className="hide-narrow">Joined</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((u) => (
              <tr key={u.id} data-testid="user-row" data-user-id={u.id}>
                <td>{u.username}</td>
                <td>{u.is_admin ? 'Administrator' : 'User'}</td>
                <td className="hide-narrow">{formatDateTime(u.created_at)}</td>
                <td className="num">
                  {u.id === myId ? (
                    <span className="muted small">you</span>
                  ) : (
                    <button
                      type="button"
                      className="link-button danger"
                      data-testid="user-delete"
                      disabled={remove.isPending}
                      onClick={() => {
                        if (!window.confirm(`Delete ${u.username} with all of their data?`)) return;
                        remove.mutate(u.id, {
                          onSuccess: () => toast(`${u.username} deleted.`, 'success'),
                          onError: (e) => toast(errorMessage(e), 'error'),
                        });
                      }}
                    >
                      Delete
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
