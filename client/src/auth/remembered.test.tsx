import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import { createQueryClient, forgetSessionWhenLost } from '../queryClient';
import { startEarly } from '../firstLoad';
import { startLoading } from '../start';
import { apiError, json, stubFetch } from '../test/fetchStub';
import { ALICE, renderApp } from '../test/render';
import { aTransaction } from '../test/transactions';

vi.mock('socket.io-client', () => ({
  io: () => ({ on: vi.fn(), removeAllListeners: vi.fn(), disconnect: vi.fn(), connect: vi.fn(), active: false }),
}));

const CONFIG = { plaid_env: 'emulator', emulator_url: '/plaid-emulator', setup_required: false, sign_up: 'invite' };
const ROW = aTransaction({
  id: 7,
  date: '2026-11-30',
  name: 'Uber 063015',
  display_name: 'Uber',
  amount: '5.40',
  iso_currency_code: 'USD',
  pending: false,
  hidden: false,
  note: null,
  tags: [],
});

function openAt(route: string) {
  const queryClient = createQueryClient();
  forgetSessionWhenLost(queryClient);
  const [pathname, search = ''] = route.split('?');
  const started = startLoading(queryClient, { pathname, search: search && `?${search}` } as Location);
  return { started, app: renderApp(<App />, { route, queryClient }) };
}

describe('the person remembered on this browser', () => {
  it('has the list asked for at once, not after the server says who is logged in', async () => {
    localStorage.setItem('pattern.user', JSON.stringify(ALICE));
    let answerMe: (() => void) | undefined;
    const server = stubFetch({
      'GET /api/sessions/me': () => new Promise((resolve) => (answerMe = () => resolve(json(ALICE)))),
      'GET /api/users/1/transactions': json([ROW], 200, { 'X-Total-Count': '1' }),
      'GET /api/users/1/accounts': json([]),
      'GET /api/users/1/categories': json([]),
      'GET /api/users/1/notices': json([]),
      'GET /api/users/1/items': json([]),
    });
    const { started } = openAt('/transactions?q=uber');
    expect(server.callsTo('GET /api/users/1/transactions')).toHaveLength(1);
    expect(server.callsTo('GET /api/users/1/transactions')[0].url.search).toContain('q=uber');
    await started;
    expect(await screen.findByTestId('tx-row')).toHaveTextContent('Uber');
    answerMe?.();
    await waitFor(() => expect(server.callsTo('GET /api/sessions/me')).toHaveLength(1));
    expect(server.callsTo('GET /api/users/1/transactions')).toHaveLength(1); // asked once
  });

  it('has the list asked for by the early start, and the app takes that request over', async () => {
    localStorage.setItem('pattern.user', JSON.stringify(ALICE));
    const server = stubFetch({
      'GET /api/sessions/me': json(ALICE),
      'GET /api/users/1/transactions': json([ROW], 200, { 'X-Total-Count': '1' }),
      'GET /api/users/1/accounts': json([]),
      'GET /api/users/1/categories': json([]),
      'GET /api/users/1/notices': json([]),
      'GET /api/users/1/items': json([]),
    });
    startEarly({ pathname: '/transactions', search: '?q=uber&size=100' });
    // Before the app's script: the rows of the page the address names.
    expect(server.callsTo('GET /api/users/1/transactions')).toHaveLength(1);
    expect(server.callsTo('GET /api/sessions/me')).toHaveLength(0);
    const { started } = openAt('/transactions?q=uber&size=100');
    await started;
    expect(await screen.findByTestId('tx-row')).toHaveTextContent('Uber');
    const asked = server.callsTo('GET /api/users/1/transactions');
    expect(asked).toHaveLength(1); // the early request, not a second one
    expect(asked[0].url.search).toContain('limit=100');
  });

  it('has nothing asked for early when no one is remembered, or on another page', () => {
    const server = stubFetch({});
    startEarly({ pathname: '/transactions', search: '' });
    localStorage.setItem('pattern.user', JSON.stringify(ALICE));
    startEarly({ pathname: '/budget', search: '' });
    expect(server.calls).toHaveLength(0);
  });

  it('is forgotten, and the page sent to log in, when the server knows no one', async () => {
    localStorage.setItem('pattern.user', JSON.stringify(ALICE));
    stubFetch({
      'GET /api/sessions/me': apiError(401, 'not_authenticated', 'Log in first.'),
      'POST /api/sessions/refresh': apiError(401, 'session_ended', 'Log in again.'),
      'GET /api/config': json(CONFIG),
      'GET /api/users/1/transactions': apiError(401, 'not_authenticated', 'Log in first.'),
      'GET /api/users/1/accounts': apiError(401, 'not_authenticated', 'Log in first.'),
      'GET /api/users/1/categories': apiError(401, 'not_authenticated', 'Log in first.'),
      'GET /api/users/1/notices': apiError(401, 'not_authenticated', 'Log in first.'),
    });
    const { app } = openAt('/transactions');
    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument();
    expect(app.location().pathname).toBe('/login');
    expect(localStorage.getItem('pattern.user')).toBeNull();
  });
});
