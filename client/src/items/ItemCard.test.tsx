import { act, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Item } from '../api/types';
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

function server(item: { current: Item }) {
  return stubFetch({
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
    act(() => socket.fire('NEW_TRANSACTIONS_DATA', { itemId: 4, added: 31, modified: 0, removed: 0 }));
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
    act(() => socket.fire('ERROR', { itemId: 4, errorCode: 'ITEM_LOGIN_REQUIRED' }));
    expect(await screen.findByText('First Platypus Bank needs you to log in again.')).toBeInTheDocument();
    await vi.waitFor(() => expect(screen.getByTestId('item-status')).toHaveTextContent('Needs login'));
    const card = screen.getByTestId('item-card');
    expect(within(card).getByRole('button', { name: 'Fix login' })).toBeInTheDocument();
    expect(within(card).getByTestId('item-sync-state')).not.toHaveTextContent('Syncing');
  });
});
