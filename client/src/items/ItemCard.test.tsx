import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Item, SyncReport } from '../api/types';
import { useRealtime } from '../realtime/useRealtime';
import { json, stubFetch } from '../test/fetchStub';
import { ALICE, renderApp } from '../test/render';
import { BanksSection } from './BanksSection';

// The socket: tests fire its events by hand.
const socket = vi.hoisted(() => {
  const handlers = new Map<string, (data?: unknown) => void>();
  return {
    handlers,
    fire: (event: string, data?: unknown) => handlers.get(event)?.(data),
  };
});
vi.mock('socket.io-client', () => ({
  io: () => ({
    on: (event: string, handler: (data?: unknown) => void) => socket.handlers.set(event, handler),
    removeAllListeners: () => socket.handlers.clear(),
    disconnect: () => {},
    connect: () => {},
    active: true,
  }),
}));

const ITEM: Item = {
  id: 4,
  user_id: 1,
  plaid_item_id: 'item-abc',
  plaid_institution_id: 'ins_109508',
  institution_name: 'First Platypus Bank',
  status: 'good',
  error_code: null,
  sync_error_code: null,
  new_accounts_available: false,
  last_synced_at: null,
  transactions_update_status: null,
  transactions_so_far: null,
  created_at: '2024-01-05T10:00:00Z',
  updated_at: '2024-01-05T10:00:00Z',
};

function Home() {
  useRealtime(1);
  return <BanksSection userId={1} />;
}

function server(item: { current: Item }, more: Parameters<typeof stubFetch>[0] = {}) {
  return stubFetch({
    ...more,
    'GET /api/config': json({ plaid_env: 'emulator', emulator_url: '/plaid-emulator' }),
    'GET /api/users/1/items': () => json([item.current]),
    'GET /api/items/4/accounts': json([]),
    'GET /api/institutions/ins_109508': json({
      institution_id: 'ins_109508',
      name: 'First Platypus Bank',
      url: null,
      primary_color: null,
      logo: null,
    }),
  });
}

describe('a bank card', () => {
  it('says "Syncing…" until the first sync reports NEW_TRANSACTIONS_DATA', async () => {
    const item = { current: ITEM };
    server(item);
    renderApp(<Home />, { user: ALICE });
    const state = await screen.findByTestId('item-sync-state');
    expect(state).toHaveTextContent('Syncing…');
    expect(state).toHaveAttribute('role', 'status');

    item.current = { ...ITEM, last_synced_at: '2024-01-05T10:01:00Z' };
    act(() => socket.fire('NEW_TRANSACTIONS_DATA', { item_id: 4, added: 31, modified: 0, removed: 0 }));
    expect(await screen.findByText('First Platypus Bank: 31 new transactions.')).toBeInTheDocument();
    await vi.waitFor(() => expect(screen.getByTestId('item-sync-state')).toHaveTextContent(/^synced /));
  });

  it('shows the history loading, with the transactions so far, and "synced" only once it is whole', async () => {
    const item: { current: Item } = {
      current: {
        ...ITEM,
        last_synced_at: '2024-01-05T10:01:00Z',
        transactions_update_status: 'INITIAL_UPDATE_COMPLETE',
        transactions_so_far: 3200,
      },
    };
    server(item);
    renderApp(<Home />, { user: ALICE });
    const state = await screen.findByTestId('item-sync-state');
    expect(state).toHaveTextContent('Loading your history: 3,200 transactions so far');
    expect(state).not.toHaveTextContent('synced');

    item.current = {
      ...item.current,
      transactions_update_status: 'HISTORICAL_UPDATE_COMPLETE',
      transactions_so_far: null,
    };
    act(() => socket.fire('SYNC_PROGRESS', { item_id: 4, status: 'HISTORICAL_UPDATE_COMPLETE', transactions: 9100 }));
    await vi.waitFor(() => expect(screen.getByTestId('item-sync-state')).toHaveTextContent(/^synced /));
  });

  it('shows a bank that needs a new login, with a way to fix it', async () => {
    const item = { current: { ...ITEM, last_synced_at: '2024-01-05T10:01:00Z' } };
    server(item);
    renderApp(<Home />, { user: ALICE });
    const status = await screen.findByTestId('item-status');
    expect(status).toHaveTextContent('Connected');

    item.current = { ...item.current, status: 'bad', error_code: 'ITEM_LOGIN_REQUIRED' };
    act(() => socket.fire('ERROR', { item_id: 4, error_code: 'ITEM_LOGIN_REQUIRED' }));
    expect(await screen.findByText('First Platypus Bank needs you to log in again.')).toBeInTheDocument();
    await vi.waitFor(() => expect(screen.getByTestId('item-status')).toHaveTextContent('Needs login'));
    const card = screen.getByTestId('item-card');
    expect(within(card).getByRole('button', { name: 'Fix login' })).toBeInTheDocument();
    expect(within(card).getByTestId('item-sync-state')).not.toHaveTextContent('Syncing');
  });

  it.each([
    ['ITEM_LOGIN_REQUIRED', 'Needs login', 'First Platypus Bank needs you to log in again.', 'Fix login'],
    ['PENDING_EXPIRATION', 'Login expiring', 'Your connection to First Platypus Bank expires soon.', 'Renew login'],
    ['PENDING_DISCONNECT', 'Disconnecting soon', 'First Platypus Bank will disconnect soon.', 'Renew login'],
    ['USER_PERMISSION_REVOKED', 'Access revoked', 'Access to First Platypus Bank was revoked.', 'Reconnect'],
  ])('explains %s and opens Link for the bank in one click', async (code, badge, what, fix) => {
    const item = {
      current: { ...ITEM, status: 'bad' as const, error_code: code, last_synced_at: '2024-01-05T10:01:00Z' },
    };
    const network = server(item, {
      'POST /api/link-token': json({ link_token: 'link-update-tok', expiration: null }),
    });
    renderApp(<Home />, { user: ALICE });
    const problem = await screen.findByTestId('item-problem');
    expect(problem).toHaveTextContent(what);
    expect(problem).not.toHaveTextContent(code);
    expect(screen.getByTestId('item-status')).toHaveTextContent(badge);

    fireEvent.click(within(problem).getByRole('button', { name: fix }));
    await vi.waitFor(() =>
      expect(network.callsTo('POST /api/link-token')).toContainEqual(
        expect.objectContaining({ method: 'POST', path: '/api/link-token', body: { item_id: 4 } }),
      ),
    );
  });

  it('says why the last sync failed while the bank is down, and syncs again in one click', async () => {
    const item: { current: Item } = {
      current: { ...ITEM, sync_error_code: 'INSTITUTION_DOWN', last_synced_at: '2024-01-05T10:01:00Z' },
    };
    const network = server(item, {
      'POST /api/items/4/sync': () => {
        item.current = { ...item.current, sync_error_code: null };
        return json({ item_id: 4, status: 'SYNC_HAPPENED', added: 2, modified: 0, removed: 0, error_code: null });
      },
    });
    renderApp(<Home />, { user: ALICE });
    const problem = await screen.findByTestId('item-problem');
    expect(problem).toHaveTextContent("First Platypus Bank isn't answering right now.");
    expect(problem).toHaveTextContent('Nothing is lost');
    expect(screen.getByTestId('item-status')).toHaveTextContent('Connected');

    fireEvent.click(within(problem).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('First Platypus Bank synced: 2 added, 0 modified, 0 removed.')).toBeInTheDocument();
    expect(network.callsTo('POST /api/items/4/sync')).toHaveLength(1);
    await vi.waitFor(() => expect(screen.queryByTestId('item-problem')).not.toBeInTheDocument());
  });

  it('tells a failed sync in words, with what Plaid said when it has no words here', async () => {
    const item = { current: { ...ITEM, last_synced_at: '2024-01-05T10:01:00Z' } };
    server(item);
    renderApp(<Home />, { user: ALICE });
    await screen.findByTestId('item-status');
    act(() => socket.fire('SYNC_ERROR', { item_id: 4, error_code: 'RATE_LIMIT_EXCEEDED', message: 'rate limit' }));
    expect(
      await screen.findByText('Too many requests went to First Platypus Bank in a short time.'),
    ).toBeInTheDocument();
    act(() => socket.fire('SYNC_ERROR', { item_id: 4, error_code: 'ODD_NEW_CODE', message: 'something odd' }));
    expect(
      await screen.findByText(
        'Syncing First Platypus Bank failed. Plaid said: “something odd” (ODD_NEW_CODE). Try again later.',
      ),
    ).toBeInTheDocument();
  });

  it('Refresh asks the bank and says so; a refusal is explained in words', async () => {
    const item = { current: { ...ITEM, last_synced_at: '2024-01-05T10:01:00Z' } };
    const report: SyncReport = {
      item_id: 4,
      status: 'SYNC_HAPPENED',
      added: 0,
      modified: 0,
      removed: 0,
      error_code: null,
      bank_refresh: 'refused',
      bank_refresh_error: 'INVALID_PRODUCT',
      message:
        "Plaid cannot ask First Platypus Bank for new transactions on demand: this server's Plaid account does not include Transactions Refresh.",
    };
    const network = server(item, { 'POST /api/items/4/sync': () => json(report) });
    renderApp(<Home />, { user: ALICE });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Actions for First Platypus Bank' }));
    const refresh = screen.getByRole('menuitem', { name: 'Refresh' });
    expect(refresh).toHaveAttribute('title', 'Ask the bank for new transactions, and sync');
    await user.click(refresh);
    expect(await screen.findByText(/does not include Transactions Refresh/)).toHaveTextContent(
      'First Platypus Bank synced: 0 added, 0 modified, 0 removed.',
    );
    expect(network.callsTo('POST /api/items/4/sync')).toHaveLength(1);
  });

  it('offers "Add accounts" after NEW_ACCOUNTS_AVAILABLE and adds the accounts chosen in Link', async () => {
    const item = { current: { ...ITEM, last_synced_at: '2024-01-05T10:01:00Z' } };
    const network = server(item, {
      'POST /api/link-token': json({ link_token: 'link-update-tok', expiration: null }),
      'GET /plaid-emulator/link/session': json({
        mode: 'update',
        client_name: 'Pattern',
        institutions: [
          { institution_id: 'ins_109508', name: 'First Platypus Bank', oauth: false, primary_color: null },
        ],
        item: { item_id: 'item-abc', institution_id: 'ins_109508' },
        account_selection: true,
        accounts: [
          {
            id: 'acc-checking',
            name: 'Plaid Checking',
            mask: '0000',
            type: 'depository',
            subtype: 'checking',
            new: false,
          },
          {
            id: 'acc-holiday',
            name: 'Holiday Savings',
            mask: '7001',
            type: 'depository',
            subtype: 'savings',
            new: true,
          },
        ],
        test_credentials: { username: 'user_good', password: 'pass_good' },
      }),
      'POST /plaid-emulator/link/session/complete': json({
        public_token: 'public-emulator-9',
        metadata: {
          institution: { name: 'First Platypus Bank', institution_id: 'ins_109508' },
          accounts: [],
          link_session_id: 'link-session-9',
        },
      }),
      'POST /api/link-event': { status: 204 },
      'POST /api/items/4/new-accounts': () => {
        item.current = { ...item.current, new_accounts_available: false };
        return json({ item_id: 4, status: 'SYNC_HAPPENED', added: 4, modified: 0, removed: 0, error_code: null });
      },
    });
    renderApp(<Home />, { user: ALICE });
    await screen.findByTestId('item-card');
    expect(screen.queryByTestId('item-new-accounts')).not.toBeInTheDocument();

    item.current = { ...item.current, new_accounts_available: true };
    act(() => socket.fire('NEW_ACCOUNTS_AVAILABLE', { item_id: 4 }));
    const notice = await screen.findByTestId('item-new-accounts');
    expect(notice).toHaveTextContent('First Platypus Bank has new accounts you can add.');

    const user = userEvent.setup();
    await user.click(within(notice).getByRole('button', { name: 'Add accounts' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add accounts at First Platypus Bank' });
    expect(within(dialog).getByTestId('link-account-acc-holiday')).toBeChecked();
    expect(within(dialog).getByText('New')).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText('Username'), 'user_good');
    await user.type(within(dialog).getByLabelText('Password'), 'pass_good');
    await user.click(within(dialog).getByTestId('link-submit'));

    expect(await screen.findByText(/accounts added/)).toBeInTheDocument();
    expect(network.callsTo('POST /api/link-token')[0].body).toEqual({ item_id: 4, add_accounts: true });
    expect(network.callsTo('POST /plaid-emulator/link/session/complete')[0].body).toMatchObject({
      link_token: 'link-update-tok',
      account_ids: ['acc-checking', 'acc-holiday'],
    });
    expect(network.callsTo('POST /api/items/4/new-accounts')).toHaveLength(1);
    await vi.waitFor(() => expect(screen.queryByTestId('item-new-accounts')).not.toBeInTheDocument());
  });
});
