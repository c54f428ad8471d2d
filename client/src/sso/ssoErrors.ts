/** Why a single sign-on came back to the log-in page (the server's ?sso_error=), in words. */
const MESSAGES: Record<string, string> = {
  denied: 'The sign-in was cancelled at the provider.',
  expired: 'The sign-in took too long or was started in another browser: please try again.',
  bad_state: 'That sign-in was not started here: please try again.',
  invalid_token: 'The provider’s answer could not be trusted, so you were not signed in.',
  provider_refused: 'The provider refused the sign-in: please try again.',
  provider_unavailable: 'The sign-in provider could not be reached: try again later, or ask the administrator.',
  no_account: 'No account on this server matches yours at the provider: ask the administrator for one.',
  missing_claim: 'The provider did not say which account you are: ask the administrator.',
  email_unverified: 'Your email address is not verified at the provider: verify it there, then try again.',
  account_disabled: 'This account is disabled: ask this server’s administrator.',
  other_subject: 'That account is linked to someone else at the provider: ask the administrator.',
  sign_up_closed: 'Sign-up is closed on this server, so no account was made for you.',
  no_administrator: 'This server has no administrator yet: the first account is made with the setup code.',
  bad_username: 'Your name at the provider cannot be a username here: ask the administrator for an account.',
  retry: 'The sign-in was finished twice at once: please try again.',
  invalid_invite:
    'This invite is not valid any more (used, expired or withdrawn): ask the administrator for a new one.',
};

export function ssoErrorMessage(reason: string | null): string | null {
  if (!reason) return null;
  return MESSAGES[reason] ?? 'Single sign-on did not work: please try again.';
}

/** Where the browser goes to sign in with the provider (the server redirects it there). */
export const SSO_LOGIN_URL = '/api/sso/login';
