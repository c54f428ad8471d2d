import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AppConfig, TwoFactor } from '../api/types';
import { LandingPage } from '../pages/LandingPage';
import { apiError, json, stubFetch } from '../test/fetchStub';
import { ALICE, renderApp } from '../test/render';
import { TwoFactorCard } from './TwoFactorCard';
import { TwoFactorPolicyCard } from './TwoFactorPolicyCard';

const OFF: TwoFactor = {
  totp_enabled: false,
  recovery_codes_left: 0,
  passkeys: [],
  required: false,
  setup_required: false,
};
const CODES = Array.from({ length: 10 }, (_, n) => `abcde-${String(n).padStart(5, '0')}`);

describe('two-factor authentication in Settings', () => {
  it('sets up an authenticator app and shows the recovery codes once', async () => {
    let status = OFF;
    const net = stubFetch({
      'GET /api/two-factor': () => json(status),
      'POST /api/two-factor/totp': json({
        secret: 'JBSWY3DPEHPK3PXP',
        otpauth_uri: 'otpauth://totp/Pattern:alice?secret=JBSWY3DPEHPK3PXP&issuer=Pattern',
        qr_svg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
      }),
      'POST /api/two-factor/totp/confirm': ({ body }) => {
        if ((body as { code: string }).code !== '123456') return apiError(403, 'wrong_code', 'That code is not right.');
        status = { ...OFF, totp_enabled: true, recovery_codes_left: 10 };
        return json({ recovery_codes: CODES });
      },
    });
    renderApp(<TwoFactorCard />, { user: ALICE });
    await userEvent.type(await screen.findByLabelText('Your password'), 'correct-horse-42');
    await userEvent.click(screen.getByRole('button', { name: 'Set up an authenticator app' }));
    expect(await screen.findByRole('img', { name: 'QR code for your authenticator app' })).toBeInTheDocument();
    expect(screen.getByTestId('totp-secret')).toHaveTextContent('JBSWY3DPEHPK3PXP');
    expect(net.callsTo('POST /api/two-factor/totp')[0].body).toEqual({ password: 'correct-horse-42' });

    await userEvent.type(screen.getByLabelText('Code from the app'), '000000');
    await userEvent.click(screen.getByRole('button', { name: 'Turn on' }));
    expect(await screen.findByTestId('totp-confirm-error')).toHaveTextContent('That code is not right.');
    await userEvent.clear(screen.getByLabelText('Code from the app'));
    await userEvent.type(screen.getByLabelText('Code from the app'), ' 123456 ');
    await userEvent.click(screen.getByRole('button', { name: 'Turn on' }));

    const shown = await screen.findByRole('region', { name: 'Recovery codes' });
    expect(shown).toHaveTextContent(CODES[0]);
    expect(screen.getAllByTestId('recovery-code')).toHaveLength(10);
    expect(screen.getByRole('button', { name: 'Download' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'I have saved them' }));
    expect(await screen.findByTestId('recovery-codes-left')).toHaveTextContent('10 recovery codes left.');
    expect(screen.queryByText(CODES[0])).not.toBeInTheDocument(); // never shown again
  });

  it('turns the app off with the password and a code', async () => {
    let status: TwoFactor = { ...OFF, totp_enabled: true, recovery_codes_left: 3 };
    const net = stubFetch({
      'GET /api/two-factor': () => json(status),
      'DELETE /api/two-factor/totp': () => {
        status = OFF;
        return json(null, 204);
      },
    });
    renderApp(<TwoFactorCard />, { user: ALICE });
    expect(await screen.findByTestId('recovery-codes-left')).toHaveTextContent('3 recovery codes left.');
    await userEvent.type(screen.getByTestId('totp-off-password'), 'correct-horse-42');
    await userEvent.type(screen.getByTestId('totp-off-code'), '654321');
    await userEvent.click(screen.getByRole('button', { name: 'Turn off' }));
    expect(await screen.findByRole('button', { name: 'Set up an authenticator app' })).toBeInTheDocument();
    expect(net.callsTo('DELETE /api/two-factor/totp')[0].body).toEqual({
      password: 'correct-horse-42',
      code: '654321',
    });
  });
});

const CONFIG: AppConfig = {
  plaid_env: 'emulator',
  emulator_url: '/plaid-emulator',
  setup_required: false,
  sign_up: 'invite',
  sso_enabled: false,
  sso_name: null,
  password_login: true,
};

describe("the log-in's second step", () => {
  it('asks for a code after the password, or a recovery code', async () => {
    const net = stubFetch({
      'GET /api/sessions/me': apiError(401, 'not_authenticated', 'Log in first.'),
      'GET /api/config': json(CONFIG),
      'POST /api/sessions': json({ second_factor_required: true, methods: ['totp', 'recovery_code'] }, 202),
      'POST /api/sessions/two-factor': ({ body }) =>
        (body as { recovery_code?: string }).recovery_code === 'abcde-00001'
          ? json(ALICE)
          : apiError(401, 'wrong_code', 'That code is not right, or was used already.'),
    });
    const app = renderApp(<LandingPage />, { route: '/login' });
    await userEvent.type(await screen.findByTestId('username'), 'alice');
    await userEvent.type(screen.getByTestId('password'), 'correct-horse-42');
    await userEvent.click(screen.getByTestId('login'));

    await userEvent.type(await screen.findByLabelText('Code from your authenticator app'), '111111');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByTestId('second-factor-error')).toHaveTextContent('was used already');
    expect(net.callsTo('POST /api/sessions/two-factor')[0].body).toEqual({ code: '111111' });

    await userEvent.click(screen.getByRole('button', { name: 'Use a recovery code' }));
    await userEvent.type(screen.getByLabelText('Recovery code'), 'abcde-00001');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    await waitFor(() => expect(app.location().pathname).toBe('/'));
    expect(net.callsTo('POST /api/sessions/two-factor')[1].body).toEqual({ recovery_code: 'abcde-00001' });
  });
});

describe("the administrator's rule", () => {
  it('requires a second factor of everyone, and says why it cannot yet', async () => {
    let required = false;
    const net = stubFetch({
      'GET /api/two-factor/policy': () => json({ require_two_factor: required }),
      'GET /api/two-factor': () => json(OFF),
      'PUT /api/two-factor/policy': ({ body }) => {
        if (net.callsTo('PUT /api/two-factor/policy').length === 1)
          return apiError(409, 'two_factor_not_set_up', 'Set up two-factor log-in for yourself first.');
        required = (body as { require_two_factor: boolean }).require_two_factor;
        return json({ require_two_factor: required });
      },
    });
    renderApp(<TwoFactorPolicyCard />, { user: ALICE });
    const box = await screen.findByRole('checkbox', { name: 'Require everyone to log in with a second factor' });
    await userEvent.click(box);
    expect(await screen.findByTestId('require-two-factor-error')).toHaveTextContent('for yourself first');
    expect(box).not.toBeChecked();
    await userEvent.click(box);
    await waitFor(() => expect(box).toBeChecked());
    expect(net.callsTo('PUT /api/two-factor/policy')[1].body).toEqual({ require_two_factor: true });
  });
});
