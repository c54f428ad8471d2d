import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
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

async function fill(username: string, password: string) {
  await userEvent.type(await screen.findByTestId('username'), username);
  await userEvent.type(screen.getByTestId('password'), password);
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
    expect(await screen.findByTestId('signup')).toHaveTextContent('Sign up');
    expect(screen.queryByTestId('invite-only')).not.toBeInTheDocument();
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
