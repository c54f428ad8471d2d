import type { AuditAction, AuditEvent } from '../api/types';

/** What each action is called on the page (a new action is one more line here). */
export const ACTION_LABELS: Record<AuditAction, string> = {
  login_succeeded: 'Signed in',
  login_failed: 'Sign-in refused',
  login_sso_failed: 'Single sign-on refused',
  sso_linked: 'Single sign-on linked',
  logged_out: 'Signed out',
  sessions_ended: 'Sessions ended',
  password_changed: 'Password changed',
  two_factor_app_added: 'Authenticator app turned on',
  two_factor_app_removed: 'Authenticator app turned off',
  recovery_codes_renewed: 'New recovery codes',
  passkey_added: 'Passkey added',
  passkey_removed: 'Passkey removed',
  two_factor_rule_changed: 'Two-factor rule changed',
  signed_up: 'Account created',
  account_created: 'Account created at the console',
  user_disabled: 'Account disabled',
  user_enabled: 'Account enabled',
  user_deleted: 'Account deleted',
  invite_created: 'Invite made',
  invite_withdrawn: 'Invite withdrawn',
  api_token_created: 'API token made',
  api_token_revoked: 'API token revoked',
  item_linked: 'Bank linked',
  item_removed: 'Bank removed',
  manual_account_added: 'Manual account added',
  manual_account_removed: 'Manual account removed',
  share_given: 'Accounts shared',
  share_changed: 'Share changed',
  share_ended: 'Share ended',
  share_joined: 'Invite to a share taken',
  share_left: 'Left a share',
};

const REASONS: Record<string, string> = {
  wrong_password: 'wrong password',
  account_disabled: 'the account is disabled',
  refresh_reused: 'a sign-in was used twice, so it was ended',
  wrong_second_factor: 'wrong code',
  other_subject: 'the account is linked to someone else at the provider',
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action as AuditAction] ?? action.replaceAll('_', ' ');
}

/** The event's few facts, in words: a bank's name, a reason, how many sessions ended. */
export function eventDetail(event: AuditEvent): string {
  const detail = event.detail ?? {};
  const parts: string[] = [];
  if (typeof detail.reason === 'string') parts.push(REASONS[detail.reason] ?? detail.reason.replaceAll('_', ' '));
  if (typeof detail.institution === 'string') parts.push(detail.institution);
  if (typeof detail.name === 'string') parts.push(detail.name);
  if (typeof detail.required === 'boolean') parts.push(detail.required ? 'required of everyone' : 'no longer required');
  if (typeof detail.username === 'string') parts.push(detail.username);
  if (typeof detail.sessions === 'number') parts.push(`${detail.sessions} session${detail.sessions === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

/** Who did it: nobody signed in (a refused sign-in), the person, or an administrator. */
export function actorText(event: AuditEvent): string {
  if (event.actor_id === null)
    return event.action === 'login_failed' || event.action === 'login_sso_failed' ? 'someone signing in' : '—';
  if (event.actor_id === event.user_id) return event.actor_username ?? 'them';
  return event.actor_username ?? 'a deleted account';
}
