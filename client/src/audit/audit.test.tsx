import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditEvent, User } from '../api/types';
import { AdminPage } from '../pages/AdminPage';
import { json, stubFetch } from '../test/fetchStub';
import { ALICE, renderApp } from '../test/render';
import { AuditLogCard } from './AuditLogCard';
import { RecentActivityCard } from './RecentActivityCard';

const BOB: User = {
  id: 2,
  username: 'bob',
  is_admin: false,
  created_at: '2026-11-01T10:00:00Z',
  last_login_at: '2026-12-03T09:30:00Z',
  disabled_at: null,
};

function event(id: number, fields: Partial<AuditEvent>): AuditEvent {
  return {
    id,
    created_at: '2026-12-04T08:00:00Z',
    action: 'login_succeeded',
    user_id: 1,
    username: 'alice',
    actor_id: 1,
    actor_username: 'alice',
    detail: null,
    ip: '198.51.100.9',
    ...fields,
  };
}

afterEach(() => vi.restoreAllMocks());

describe('recent activity on your account', () => {
  it('lists sign-ins and refused ones in words, a page at a time', async () => {
    const net = stubFetch({
      'GET /api/users/1/audit': ({ url }) =>
        url.searchParams.get('offset') === '0'
          ? json(
              [
                event(3, {}),
                event(2, {
                  action: 'login_failed',
                  actor_id: null,
                  actor_username: null,
                  detail: { reason: 'wrong_password' },
                }),
                event(1, { action: 'item_linked', detail: { item: 4, institution: 'First Platypus Bank' } }),
              ],
              200,
              { 'X-Total-Count': '25' },
            )
          : json([event(0, { action: 'signed_up', ip: null })], 200, { 'X-Total-Count': '25' }),
    });
    renderApp(<RecentActivityCard userId={1} />);
    const table = await screen.findByRole('table', { name: 'Recent activity on your account' });
    const rows = within(table).getAllByTestId('audit-row');
    expect(rows.map((row) => row.dataset.action)).toEqual(['login_succeeded', 'login_failed', 'item_linked']);
    expect(rows[1]).toHaveTextContent('Sign-in refused — wrong password');
    expect(rows[1]).toHaveTextContent('someone signing in');
    expect(rows[1]).toHaveTextContent('198.51.100.9');
    expect(rows[2]).toHaveTextContent('Bank linked — First Platypus Bank');

    await userEvent.click(screen.getByRole('button', { name: 'Older' }));
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(1));
    expect(screen.getByTestId('audit-row')).toHaveTextContent('Account created');
    expect(net.callsTo('GET /api/users/1/audit').at(-1)?.url.searchParams.get('offset')).toBe('20');
    expect(screen.getByText('Page 2 of 2')).toBeInTheDocument();
  });
});

describe('the administrators’ audit log', () => {
  it('filters by person and by action', async () => {
    const net = stubFetch({
      'GET /api/users': json([ALICE, BOB]),
      'GET /api/audit': ({ url }) =>
        json(
          url.searchParams.get('action') === 'user_disabled'
            ? [event(9, { action: 'user_disabled', user_id: 2, username: 'bob' })]
            : [event(8, {}), event(9, { action: 'user_disabled', user_id: 2, username: 'bob' })],
        ),
    });
    renderApp(<AuditLogCard />);
    expect(await screen.findAllByTestId('audit-row')).toHaveLength(2);
    await userEvent.selectOptions(await screen.findByRole('combobox', { name: 'Person' }), 'bob');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Action' }), 'Account disabled');
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(1));
    const row = screen.getByTestId('audit-row');
    expect(row).toHaveTextContent('Account disabled');
    expect(row).toHaveTextContent('bob'); // the account
    expect(row).toHaveTextContent('alice'); // by
    const asked = net.callsTo('GET /api/audit').at(-1)?.url.searchParams;
    expect(asked?.get('user_id')).toBe('2');
    expect(asked?.get('action')).toBe('user_disabled');
  });
});

describe('the admin page’s users', () => {
  function stubAdmin(users: { current: User[] }) {
    return stubFetch({
      'GET /api/users': () => json(users.current),
      'GET /api/config': json({ sign_up: 'invite' }),
      'GET /api/invites': json([]),
      'GET /api/sync-requests': json({ dead: [], waiting: 0 }),
      'GET /api/audit': json([]),
      'POST /api/users/2/disable': () => {
        users.current = [ALICE, { ...BOB, disabled_at: '2026-12-04T08:05:00Z' }];
        return json(users.current[1]);
      },
    });
  }

  it('shows each last sign-in, and disables someone once confirmed', async () => {
    const users = { current: [ALICE, BOB] };
    const net = stubAdmin(users);
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);
    renderApp(<AdminPage />, { user: ALICE });
    const rows = await screen.findAllByTestId('user-row');
    expect(within(rows[0]).getByTestId('user-last-login')).toHaveTextContent('Never');
    expect(within(rows[1]).getByTestId('user-last-login')).not.toHaveTextContent('Never');
    expect(within(rows[0]).queryByTestId('user-disable')).toBeNull(); // not oneself

    const disable = screen.getByRole('button', { name: 'Disable bob' });
    await userEvent.click(disable); // declined
    expect(net.callsTo('POST /api/users/2/disable')).toHaveLength(0);
    await userEvent.click(disable);
    expect(confirm).toHaveBeenLastCalledWith(expect.stringContaining('signed out everywhere'));
    expect(await screen.findByRole('button', { name: 'Enable bob' })).toBeInTheDocument();
    expect(screen.getByTestId('user-disabled')).toHaveTextContent('disabled');
    expect(net.callsTo('POST /api/users/2/disable')).toHaveLength(1);
  });
});
