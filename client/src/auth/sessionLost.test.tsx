import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import { forgetSessionWhenLost, createQueryClient } from '../queryClient';
import { apiError, json, stubFetch } from '../test/fetchStub';
import { ALICE, renderApp } from '../test/render';

vi.mock('socket.io-client', () => ({
  io: () => ({ on: vi.fn(), removeAllListeners: vi.fn(), disconnect: vi.fn(), connect: vi.fn(), active: false }),
}));

const RULE = {
  id: 3,
  position: 0,
  match_name: 'uber',
  match_merchant: null,
  match_category: null,
  match_subcategory: null,
  min_amount: null,
  max_amount: null,
  match_account_ids: null,
  set_name: null,
  set_category: 'Travel',
  set_subcategory: null,
  match_count: 4,
};

function renderAppAt(route: string) {
  const queryClient = createQueryClient();
  forgetSessionWhenLost(queryClient);
  return renderApp(<App />, { route, queryClient });
}

describe('an expired session in the app', () => {
  it('is refreshed behind the scenes, and the page loads', async () => {
    let fresh = false;
    const server = stubFetch({
      'GET /api/sessions/me': json(ALICE),
      'GET /api/users/1/rules': () => (fresh ? json([RULE]) : apiError(401, 'not_authenticated', 'Log in first.')),
      'POST /api/sessions/refresh': () => {
        fresh = true;
        return json(null, 204);
      },
    });
    const app = renderAppAt('/settings');
    // The settings page is loaded on demand (with the rules' drag and drop): beyond the
    // default second when the test files run side by side on a busy machine.
    expect(await screen.findByTestId('rule-row', {}, { timeout: 5000 })).toHaveTextContent('uber');
    expect(server.callsTo('POST /api/sessions/refresh')).toHaveLength(1);
    expect(app.location().pathname).toBe('/settings');
  });

  it('sends the user to /login when it cannot be refreshed', async () => {
    const server = stubFetch({
      'GET /api/sessions/me': json(ALICE),
      'GET /api/config': json({
        plaid_env: 'emulator',
        emulator_url: '/plaid-emulator',
        setup_required: false,
        sign_up: 'invite',
      }),
      'GET /api/users/1/rules': apiError(401, 'not_authenticated', 'Log in first.'),
      'POST /api/sessions/refresh': apiError(401, 'session_ended', 'Log in again.'),
    });
    const app = renderAppAt('/settings');
    expect(await screen.findByRole('heading', { name: 'Log in' }, { timeout: 5000 })).toBeInTheDocument();
    expect(app.location().pathname).toBe('/login');
    expect(server.callsTo('POST /api/sessions/refresh')).toHaveLength(1);
    expect(app.queryClient.getQueryData(['me'])).toBeNull();
  });
});
