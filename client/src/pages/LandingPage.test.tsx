import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { AppConfig } from '../api/types';
import { apiError, json, stubFetch } from '../test/fetchStub';
import { switchSession } from '../auth/queries';
import { ALICE, renderApp, testQueryClient } from '../test/render';
import { LandingPage } from './LandingPage';

function config(overrides: Partial<AppConfig>): AppConfig {
  return {
    plaid_env: 'emulator',
    emulator_url: '/plaid-emulator',
    setup_required: false,
    sign_up: 'invite',
    sso_enabled: false,
    sso_name: null,
    password_login: true,
    ...overrides,
  };
}

function server(settings: AppConfig) {
  return stubFetch({
    'GET /api/sessions/me': apiError(401, 'not_authenticated', 'Log in first.'),
    'GET /api/config': json(settings),
    'POST /api/users': json(ALICE, 201),
    'POST /api/sessions': json(ALICE),
  });
}

async function fill(username: string, password: string, again: string | null = password) {
  await userEvent.type(await screen.findByTestId('username'), username);
  await userEvent.type(screen.getByTestId('password'), password);
  if (again !== null) await userEvent.type(screen.getByTestId('password-confirm'), again);
}

describe('the landing page', () => {
  it('asks for the setup code while the server has no administrator, and sends it', async () => {
    const network = server(config({ setup_required: true }));
    renderApp(<LandingPage />, { route: '/login' });
    expect(await screen.findByRole('heading', { name: 'Create the administrator account' })).toBeInTheDocument();
    expect(screen.queryByTestId('login')).not.toBeInTheDocument();
    await fill('alice', 'correct-horse-42');
    await userEvent.type(screen.getByTestId('setup-code'), ' K7QM-2XHD-9PWA ');
    await userEvent.click(screen.getByTestId('signup'));
    await waitFor(() => expect(network.callsTo('POST /api/sessions')).toHaveLength(1));
    expect(network.callsTo('POST /api/users')[0].body).toEqual({
      username: 'alice',
      password: 'correct-horse-42',
      setup_code: 'K7QM-2XHD-9PWA',
    });
  });

  it('signs up with the code of an invite link', async () => {
    const network = server(config({}));
    renderApp(<LandingPage />, { route: '/login?invite=abc123' });
    expect(await screen.findByRole('heading', { name: /You are invited/ })).toBeInTheDocument();
    await fill('bob', 'correct-horse-42');
    await userEvent.click(screen.getByTestId('signup'));
    await waitFor(() => expect(network.callsTo('POST /api/users')).toHaveLength(1));
    expect(network.callsTo('POST /api/users')[0].body).toEqual({
      username: 'bob',
      password: 'correct-horse-42',
      invite_code: 'abc123',
    });
  });

  it('offers only log-in when sign-up is by invitation, and sign-up too when it is open', async () => {
    server(config({ sign_up: 'invite' }));
    const invited = renderApp(<LandingPage />, { route: '/login' });
    expect(await screen.findByTestId('login')).toBeInTheDocument();
    expect(screen.queryByTestId('signup')).not.toBeInTheDocument();
    expect(screen.getByTestId('invite-only')).toHaveTextContent('ask the administrator');
    invited.unmount();

    server(config({ sign_up: 'open' }));
    renderApp(<LandingPage />, { route: '/login' });
    expect(await screen.findByTestId('to-signup')).toHaveTextContent('Create an account');
    expect(screen.queryByTestId('invite-only')).not.toBeInTheDocument();
  });

  it('logs in on Enter, and signs up only from its own form, with the password twice', async () => {
    const network = server(config({ sign_up: 'open' }));
    renderApp(<LandingPage />, { route: '/login' });
    await fill('carol', 'correct-horse-42', null);
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(network.callsTo('POST /api/sessions')).toHaveLength(1));
    expect(network.callsTo('POST /api/users')).toHaveLength(0);
  });

  it('refuses two different passwords before asking the server', async () => {
    const network = server(config({ sign_up: 'open' }));
    renderApp(<LandingPage />, { route: '/login' });
    await userEvent.click(await screen.findByTestId('to-signup'));
    expect(screen.getByRole('heading', { name: 'Create your account' })).toBeInTheDocument();
    expect(screen.queryByTestId('login')).not.toBeInTheDocument();
    await fill('carol', 'correct-horse-42', 'correct-horse-43');
    await userEvent.click(screen.getByTestId('signup'));
    expect(await screen.findByTestId('auth-error')).toHaveTextContent('The two passwords differ');
    expect(network.callsTo('POST /api/users')).toHaveLength(0);
    await userEvent.clear(screen.getByTestId('password-confirm'));
    await userEvent.type(screen.getByTestId('password-confirm'), 'correct-horse-42{Enter}');
    await waitFor(() => expect(network.callsTo('POST /api/users')).toHaveLength(1));
    expect(network.callsTo('POST /api/users')[0].body).toEqual({ username: 'carol', password: 'correct-horse-42' });
  });

  it("shows the server's slow-down message once", async () => {
    stubFetch({
      'GET /api/sessions/me': apiError(401, 'not_authenticated', 'Log in first.'),
      'GET /api/config': json(config({})),
      'POST /api/sessions': apiError(429, 'too_many_requests', 'Too many failed log-ins; try again in 1 second.'),
    });
    renderApp(<LandingPage />, { route: '/login' });
    await fill('carol', 'wrong-horse-42', null);
    await userEvent.click(screen.getByTestId('login'));
    expect(await screen.findByTestId('auth-error')).toHaveTextContent(
      /^Too many failed log-ins; try again in 1 second\.$/,
    );
  });
});

describe('the login page after a log-out', () => {
  it('still shows its form when the session is dropped again while it loads', async () => {
    let answer: (response: Response) => void = () => undefined;
    stubFetch({
      'GET /api/sessions/me': apiError(401, 'not_authenticated', 'Log in first.'),
      'GET /api/config': () => new Promise<Response>((resolve) => (answer = resolve)),
    });
    const queryClient = testQueryClient();
    renderApp(<LandingPage />, { queryClient });
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Loading'));
    // The home page's other requests come back 401 after the log-out: the session is
    // dropped a second time while the config is on its way.
    switchSession(queryClient, null);
    answer(json(config({})));
    expect(await screen.findByTestId('username')).toBeInTheDocument();
  });
});

describe('single sign-on on the log-in page', () => {
  it('offers the provider beside the password form', async () => {
    server(config({ sso_enabled: true, sso_name: 'Authelia' }));
    renderApp(<LandingPage />, { route: '/login' });
    const button = await screen.findByRole('link', { name: 'Sign in with Authelia' });
    expect(button).toHaveAttribute('href', '/api/sso/login');
    expect(screen.getByTestId('username')).toBeInTheDocument();
    expect(screen.getByTestId('login')).toBeInTheDocument();
  });

  it('shows only the button when password log-in is off', async () => {
    server(config({ sso_enabled: true, sso_name: 'Keycloak', password_login: false }));
    renderApp(<LandingPage />, { route: '/login' });
    expect(await screen.findByRole('link', { name: 'Sign in with Keycloak' })).toBeInTheDocument();
    expect(screen.queryByTestId('username')).not.toBeInTheDocument();
    expect(screen.queryByTestId('password')).not.toBeInTheDocument();
    expect(screen.queryByTestId('login')).not.toBeInTheDocument();
  });

  it('offers no password sign-up when password log-in is off: an invite goes to the provider', async () => {
    server(config({ sso_enabled: true, sso_name: 'Keycloak', password_login: false, sign_up: 'open' }));
    const open = renderApp(<LandingPage />, { route: '/login' });
    expect(await screen.findByRole('link', { name: 'Sign in with Keycloak' })).toHaveAttribute(
      'href',
      '/api/sso/login',
    );
    expect(screen.queryByTestId('to-signup')).not.toBeInTheDocument();
    open.unmount();

    server(config({ sso_enabled: true, sso_name: 'Keycloak', password_login: false }));
    renderApp(<LandingPage />, { route: '/login?invite=abc-123_x' });
    expect(await screen.findByRole('heading', { name: /You are invited/ })).toBeInTheDocument();
    expect(screen.getByTestId('sso-invite')).toHaveTextContent('This server signs in with Keycloak');
    expect(screen.getByRole('link', { name: 'Sign in with Keycloak' })).toHaveAttribute(
      'href',
      '/api/sso/login?invite=abc-123_x',
    );
    expect(screen.queryByTestId('password')).not.toBeInTheDocument();
    expect(screen.queryByTestId('signup')).not.toBeInTheDocument();
  });

  it('says in words why the sign-in came back', async () => {
    server(config({ sso_enabled: true, sso_name: 'Google' }));
    renderApp(<LandingPage />, { route: '/login?sso_error=no_account' });
    expect(await screen.findByTestId('sso-error')).toHaveTextContent(
      'No account on this server matches yours at the provider: ask the administrator for one.',
    );
  });

  it('words a reason it does not know plainly too', async () => {
    server(config({ sso_enabled: true, sso_name: 'Google', password_login: false }));
    renderApp(<LandingPage />, { route: '/login?sso_error=something_new' });
    expect(await screen.findByTestId('sso-error')).toHaveTextContent('Single sign-on did not work: please try again.');
  });

  it('shows no button when the server has no single sign-on', async () => {
    server(config({}));
    renderApp(<LandingPage />, { route: '/login' });
    expect(await screen.findByTestId('username')).toBeInTheDocument();
    expect(screen.queryByTestId('sso-login')).not.toBeInTheDocument();
  });

  it('still makes the administrator with the setup code, then signs in through the provider', async () => {
    const assign = vi.fn();
    vi.stubGlobal('location', { ...window.location, assign });
    const network = server(
      config({ setup_required: true, sso_enabled: true, sso_name: 'Authentik', password_login: false }),
    );
    renderApp(<LandingPage />, { route: '/login' });
    expect(await screen.findByTestId('sso-username-hint')).toHaveTextContent('This server logs in with Authentik');
    await fill('alice', 'correct-horse-42');
    await userEvent.type(screen.getByTestId('setup-code'), 'K7QM-2XHD-9PWA');
    await userEvent.click(screen.getByTestId('signup'));
    await waitFor(() => expect(assign).toHaveBeenCalledWith('/api/sso/login'));
    expect(network.callsTo('POST /api/users')).toHaveLength(1);
    expect(network.callsTo('POST /api/sessions')).toHaveLength(0);
    vi.unstubAllGlobals();
  });
});
