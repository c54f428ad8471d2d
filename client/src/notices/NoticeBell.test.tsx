import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Notice, NoticeList } from '../api/types';
import { useRealtime } from '../realtime/useRealtime';
import { json, stubFetch } from '../test/fetchStub';
import { ALICE, renderApp } from '../test/render';
import { NoticeBell } from './NoticeBell';

// The socket: tests fire its events by hand.
const socket = vi.hoisted(() => {
  const handlers = new Map<string, (data?: unknown) => void>();
  return { handlers, fire: (event: string, data?: unknown) => handlers.get(event)?.(data) };
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

function notice(id: number, over: Partial<Notice> = {}): Notice {
  return {
    id,
    kind: 'price_rise',
    stream_id: 'a'.repeat(24),
    title: 'Price rise: Netflix',
    detail: 'Now $17.99, up from $15.49 (charged Dec 1).',
    amount: '17.99',
    due_date: null,
    created_at: new Date(Date.now() - 5 * 60_000).toISOString(),
    read_at: null,
    ...over,
  };
}

function Header() {
  useRealtime(1);
  return <NoticeBell userId={1} />;
}

function server(list: NoticeList) {
  return stubFetch({
    'GET /api/users/1/notices': () => json(list),
    'POST /api/users/1/notices/read': json({ marked: list.unread, unread: 0 }),
  });
}

describe('the notice bell', () => {
  it('says how many are unread, lists them and marks all read', async () => {
    const net = server({
      notices: [
        notice(2),
        notice(1, { kind: 'bill_due', title: 'Due soon: City Power', detail: '$90.00 due tomorrow.' }),
      ],
      unread: 2,
    });
    renderApp(<Header />, { user: ALICE });
    const bell = await screen.findByRole('button', { name: 'Notices: 2 unread' });
    expect(bell).toHaveAttribute('aria-expanded', 'false');
    expect(screen.getByTestId('notice-count')).toHaveTextContent('2');

    await userEvent.click(bell);
    const panel = screen.getByRole('region', { name: 'Notices' });
    const items = within(panel).getAllByTestId('notice');
    expect(items.map((i) => i.textContent)).toEqual([
      'Unread: Price rise: NetflixNow $17.99, up from $15.49 (charged Dec 1).5 minutes ago',
      'Unread: Due soon: City Power$90.00 due tomorrow.5 minutes ago',
    ]);
    expect(items[0]).toHaveAttribute('href', '/recurring');

    await userEvent.click(within(panel).getByRole('button', { name: 'Mark all read' }));
    expect(net.callsTo('POST /api/users/1/notices/read')[0]?.body).toEqual({ all: true });
    expect(await screen.findByRole('button', { name: 'Notices: none unread' })).toBeInTheDocument();
    expect(screen.queryByTestId('notice-count')).toBeNull();
    expect(within(panel).getByRole('button', { name: 'Mark all read' })).toBeDisabled();
  });

  it('works from the keyboard: opens with focus inside, Escape closes back to the bell', async () => {
    server({ notices: [notice(1)], unread: 1 });
    renderApp(<Header />, { user: ALICE });
    const bell = await screen.findByRole('button', { name: 'Notices: 1 unread' });
    bell.focus();
    await userEvent.keyboard('{Enter}');
    expect(screen.getByRole('button', { name: 'Mark all read' })).toHaveFocus();
    await userEvent.tab();
    expect(screen.getByTestId('notice')).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Notices' })).toBeNull();
    expect(bell).toHaveFocus();
  });

  it('adds a notice heard on the socket without asking the server again', async () => {
    const net = server({ notices: [], unread: 0 });
    renderApp(<Header />, { user: ALICE });
    await screen.findByRole('button', { name: 'Notices: none unread' });

    act(() => socket.fire('NOTICE', notice(7, { title: 'New subscription: Spotify', detail: '$11.99 a month.' })));
    const bell = await screen.findByRole('button', { name: 'Notices: 1 unread' });
    expect(await screen.findByText('New subscription: Spotify')).toBeInTheDocument(); // the toast
    await userEvent.click(bell);
    expect(within(screen.getByRole('region', { name: 'Notices' })).getByTestId('notice')).toHaveTextContent(
      'New subscription: Spotify$11.99 a month.',
    );
    // The same notice twice (two tabs' sockets, a reconnect) counts once.
    act(() => socket.fire('NOTICE', notice(7)));
    expect(screen.getByRole('button', { name: 'Notices: 1 unread' })).toBeInTheDocument();
    expect(net.callsTo('GET /api/users/1/notices')).toHaveLength(1);
  });
});
