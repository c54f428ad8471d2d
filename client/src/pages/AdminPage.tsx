import { Navigate } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { AuditLogCard } from '../audit/AuditLogCard';
import { useCurrentUser } from '../auth/queries';
import { Card, Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { useConfig } from '../config/queries';
import { InvitesCard } from '../invites/InvitesCard';
import { useToast } from '../components/toasts';
import { SyncRequestsCard } from '../sync/SyncRequestsCard';
import { formatDateTime } from '../lib/format';
import { useDeleteUser, useSetDisabled } from '../users/mutations';
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
      <AuditLogCard />
    </div>
  );
}

function UsersCard({ myId }: { myId: number }) {
  const users = useUsers();
  const remove = useDeleteUser();
  const setDisabled = useSetDisabled();
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
              <th>Last sign-in</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((u) => (
              <tr key={u.id} data-testid="user-row" data-user-id={u.id}>
                <td>{u.username}</td>
                <td>
                  {u.is_admin ? 'Administrator' : 'User'}
                  {u.disabled_at && (
                    <span className="muted small" data-testid="user-disabled">
                      {' '}
                      (disabled)
                    </span>
                  )}
                </td>
                <td className="hide-narrow">{formatDateTime(u.created_at)}</td>
                <td data-testid="user-last-login">{u.last_login_at ? formatDateTime(u.last_login_at) : 'Never'}</td>
                <td className="num">
                  {u.id === myId ? (
                    <span className="muted small">you</span>
                  ) : (
                    <>
                      <button
                        type="button"
                        className="link-button"
                        data-testid="user-disable"
                        aria-label={`${u.disabled_at ? 'Enable' : 'Disable'} ${u.username}`}
                        disabled={setDisabled.isPending}
                        onClick={() => {
                          const disabled = !u.disabled_at;
                          const question = disabled
                            ? `Disable ${u.username}? They are signed out everywhere at once and cannot sign in until you enable them again; their data stays.`
                            : `Enable ${u.username} again? They can sign in as before.`;
                          if (!window.confirm(question)) return;
                          setDisabled.mutate(
                            { id: u.id, disabled },
                            {
                              onSuccess: () => toast(`${u.username} ${disabled ? 'disabled' : 'enabled'}.`, 'success'),
                              onError: (e) => toast(errorMessage(e), 'error'),
                            },
                          );
                        }}
                      >
                        {u.disabled_at ? 'Enable' : 'Disable'}
                      </button>{' '}
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
                    </>
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
