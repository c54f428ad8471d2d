import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppConfig, Passkey, TwoFactor } from '../api/types';
import { LandingPage } from '../pages/LandingPage';
import { apiError, json, stubFetch } from '../test/fetchStub';
import { ALICE, renderApp } from '../test/render';
import { TwoFactorCard } from './TwoFactorCard';

const browser = vi.hoisted(() => ({
  startRegistration: vi.fn(),
  startAuthentication: vi.fn(),
}));
vi.mock('@simplewebauthn/browser', () => ({
  startRegistration: browser.startRegistration,
  startAuthentication: browser.startAuthentication,
}));

const OFF: TwoFactor = {
  totp_enabled: false,
  recovery_codes_left: 0,
  passkeys: [],
  required: false,
  setup_required: false,
};
const CODES = Array.from({ length: 10 }, (_, n) => `code${n}-abcde`);
const LAPTOP: Passkey = { id: 7, name: 'Laptop', created_at: '2026-12-01T10:00:00Z', last_used_at: null };
const CONFIG: AppConfig = {
  plaid_env: 'emulator',
  emulator_url: '/plaid-emulator',
  setup_required: false,
  sign_up: 'invite',
  sso_enabled: false,
  sso_name: null,
  password_login: true,
};

describe('passkeys', () => {
  // A browser that has passkeys (jsdom has none).
  beforeEach(() => vi.stubGlobal('PublicKeyCredential', function PublicKeyCredential() {}));

  it('adds a passkey with a name and the password, shows the first one’s recovery codes, and removes it', async () => {
    let status = OFF;
    browser.startRegistration.mockResolvedValue({ id: 'cred', response: {} });
    const net = stubFetch({
      'GET /api/two-factor': () => json(status),
      'POST /api/two-factor/passkeys/options': json({ options: { challenge: 'abc', rp: { id: 'localhost' } } }),
      'POST /api/two-factor/passkeys': () => {
        status = { ...OFF, passkeys: [LAPTOP], recovery_codes_left: 10 };
        return json({ ...LAPTOP, recovery_codes: CODES }, 201);
      },
      'DELETE /api/two-factor/passkeys/7': () => {
        status = OFF;
        return json(null, 204);
      },
    });
    renderApp(<TwoFactorCard />, { user: ALICE });
    await userEvent.type(await screen.findByLabelText('Name of the new passkey'), 'Laptop');
    await userEvent.type(screen.getByTestId('passkey-password'), 'correct-horse-42');
    await userEvent.click(screen.getByRole('button', { name: 'Add a passkey' }));

    expect(await screen.findByTestId('passkey')).toHaveTextContent('Laptop');
    // The first second factor: its recovery codes, this once.
    const shown = await screen.findAllByTestId('recovery-code');
    expect(shown.map((code) => code.textContent)).toEqual(CODES);
    await userEvent.click(screen.getByTestId('recovery-codes-saved'));
    expect(screen.queryByTestId('recovery-codes')).not.toBeInTheDocument();
    expect(net.callsTo('POST /api/two-factor/passkeys/options')[0].body).toEqual({ password: 'correct-horse-42' });
    expect(browser.startRegistration).toHaveBeenCalledWith({
      optionsJSON: { challenge: 'abc', rp: { id: 'localhost' } },
    });
    expect(net.callsTo('POST /api/two-factor/passkeys')[0].body).toEqual({
      name: 'Laptop',
      credential: { id: 'cred', response: {} },
    });

    await userEvent.type(screen.getByTestId('passkey-password'), 'correct-horse-42');
    await userEvent.click(screen.getByRole('button', { name: 'Remove passkey Laptop' }));
    await waitFor(() => expect(screen.queryByTestId('passkey')).not.toBeInTheDocument());
    expect(net.callsTo('DELETE /api/two-factor/passkeys/7')[0].body).toEqual({ password: 'correct-horse-42' });
  });

  it('signs in with a passkey alone, and says nothing when the prompt is closed', async () => {
    const closed = Object.assign(new Error('The operation was cancelled.'), { name: 'NotAllowedError' });
    browser.startAuthentication.mockRejectedValueOnce(closed).mockResolvedValueOnce({ id: 'cred', response: {} });
    const net = stubFetch({
      'GET /api/sessions/me': apiError(401, 'not_authenticated', 'Log in first.'),
      'GET /api/config': json(CONFIG),
      'POST /api/sessions/passkey/options': () => json({ options: { challenge: 'xyz' } }),
      'POST /api/sessions/passkey': json(ALICE),
    });
    const app = renderApp(<LandingPage />, { route: '/login' });
    await userEvent.click(await screen.findByRole('button', { name: 'Sign in with a passkey' }));
    await waitFor(() => expect(browser.startAuthentication).toHaveBeenCalledTimes(1));
    expect(screen.queryByTestId('passkey-login-error')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Sign in with a passkey' }));
    await waitFor(() => expect(app.location().pathname).toBe('/'));
    expect(net.callsTo('POST /api/sessions/passkey')[0].body).toEqual({ credential: { id: 'cred', response: {} } });
  });
});
