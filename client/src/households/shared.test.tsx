import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import type { ReceivedShare, User } from '../api/types';
import { json, stubFetch } from '../test/fetchStub';
import { renderApp } from '../test/render';
import { aTransaction } from '../test/transactions';

// The socket's handlers, by event, to send it events as the server would.
const socket = vi.hoisted(() => new Map<string, (data?: unknown) => void>());
vi.mock('socket.io-client', () => ({
  io: () => ({
    on: (event: string, handler: (data?: unknown) => void) => socket.set(event, handler),
    removeAllListeners: vi.fn(),
    disconnect: vi.fn(),
    connect: vi.fn(),
    active: false,
  }),
}));

const BOB: User = {
  id: 2,
  username: 'bob',
  is_admin: false,
  created_at: '2024-01-01T00:00:00Z',
  last_login_at: null,
  disabled_at: null,
};

function aliceShares(fields: Partial<ReceivedShare> = {}): ReceivedShare {
  return { id: 9, owner: { id: 1, username: 'alice' }, role: 'view', budget: false, account_ids: [5], ...fields };
}

const ALICE_ROW = aTransaction({ id: 41, display_name: 'Alice’s groceries', name: 'Grocer' });
const BOB_ROW = aTransaction({ id: 42, display_name: 'Bob’s coffee', name: 'Coffee', account_id: 8, item_id: 9 });

/** Bob's server: alice's money shared with him as `shares` says, each person's rows. */
function server(shares: () => ReceivedShare[], more: Parameters<typeof stubFetch>[0] = {}) {
  const none = json([]);
  return stubFetch({
    'GET /api/users/2/shared-with-me': () => json(shares()),
    'GET /api/users/1/transactions': () => json([ALICE_ROW], 200, { 'X-Total-Count': '1' }),
    'GET /api/users/2/transactions': () => json([BOB_ROW], 200, { 'X-Total-Count': '1' }),
    'GET /api/users/1/accounts': json([{ id: 5, item_id: 7, name: 'Plaid Checking', mask: '0000' }]),
    'GET /api/users/1/items': json([{ id: 7, institution_name: 'First Platypus Bank' }]),
    'GET /api/users/1/categories': none,
    'GET /api/users/1/category-groups': none,
    'GET /api/users/2/accounts': none,
    'GET /api/users/2/items': none,
    'GET /api/users/2/categories': none,
    'GET /api/users/2/category-groups': none,
    'GET /api/users/2/notices': json({ notices: [], unread: 0 }),
    'GET /api/users/2/preferences': json({ theme: 'system', currency: null, time_zone: null }),
    'GET /api/two-factor': json({ setup_required: false }),
    ...more,
  });
}

function navNames(): string[] {
  const [nav] = screen.getAllByRole('navigation', { name: 'Main' }); // the top bar's
  return within(nav)
    .getAllByRole('link')
    .map((link) => link.textContent ?? '');
}

describe('someone’s money shared with you', () => {
  it('offers no switcher to a person nobody shares with', async () => {
    server(() => []);
    renderApp(<App />, { route: '/transactions', user: BOB });
    expect(await screen.findByText('Bob’s coffee')).toBeInTheDocument();
    expect(screen.queryByTestId('money-switcher')).not.toBeInTheDocument();
  });

  it('switches to the owner’s money: their rows, only the shared pages in the nav', async () => {
    server(() => [aliceShares()]);
    const app = renderApp(<App />, { route: '/transactions', user: BOB });
    expect(await screen.findByText('Bob’s coffee')).toBeInTheDocument();
    const switcher = await screen.findByTestId('money-switcher');
    expect(
      within(switcher)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['My money', 'alice’s money']);
    await userEvent.selectOptions(switcher, 'alice’s money');

    expect(await screen.findByText('Alice’s groceries')).toBeInTheDocument();
    expect(app.location().pathname).toBe('/shared/1/transactions');
    expect(screen.getByTestId('shared-banner')).toHaveTextContent(
      'alice’s money: 1 account shared with you, view only.',
    );
    expect(navNames()).toEqual(['Home', 'Transactions', 'Accounts', 'Trends']);
    expect(screen.queryByText('Bob’s coffee')).not.toBeInTheDocument();

    await userEvent.selectOptions(screen.getByTestId('money-switcher'), 'My money');
    expect(await screen.findByText('Bob’s coffee')).toBeInTheDocument();
    expect(app.location().pathname).toBe('/transactions');
    expect(navNames()).toContain('Settings');
  });

  it('shows the budget page only when the budget is shared', async () => {
    server(() => [aliceShares({ budget: true })]);
    renderApp(<App />, { route: '/shared/1/transactions', user: BOB });
    expect(await screen.findByText('Alice’s groceries')).toBeInTheDocument();
    expect(navNames()).toEqual(['Home', 'Budget', 'Transactions', 'Accounts', 'Trends']);
  });

  it('sends a page the share does not cover to its home: the shared figures, no banks', async () => {
    const net = server(() => [aliceShares()], {
      'GET /api/users/1/net-worth': json([
        { currency: 'USD', assets: '950.00', liabilities: '0.00', net_worth: '950.00' },
      ]),
      'GET /api/users/1/insights/spending': json({
        currency: 'USD',
        currencies: ['USD'],
        start_date: '2024-01-01',
        end_date: '2024-01-31',
        total: '20.00',
        count: 1,
        categories: [],
      }),
      'GET /api/users/1/insights/monthly': json({
        currency: 'USD',
        currencies: ['USD'],
        start_date: '2024-01-01',
        end_date: '2024-01-31',
        income: '0.00',
        spending: '0.00',
        net: '0.00',
        months: [],
      }),
    });
    const app = renderApp(<App />, { route: '/shared/1/budget', user: BOB });
    await waitFor(() => expect(screen.getByTestId('net-worth-total')).toHaveTextContent('$950.00'));
    expect(app.location().pathname).toBe('/shared/1');
    expect(screen.getByTestId('shared-banner')).toBeInTheDocument();
    expect(screen.queryByText("This month's budget")).not.toBeInTheDocument(); // not shared
    expect(screen.queryByTestId('add-bank')).not.toBeInTheDocument();
    // Neither the owner's history nor their bills, forecast or assets are asked for.
    const asked = net.calls.map((c) => c.path).filter((path) => path.startsWith('/api/users/1/'));
    expect(asked.filter((path) => /history|recurring|forecast|assets/.test(path))).toEqual([]);
  });

  it('view only: no picking, and the dialog shows a transaction without saving it', async () => {
    const net = server(() => [aliceShares()]);
    renderApp(<App />, { route: '/shared/1/transactions', user: BOB });
    await userEvent.click(await screen.findByText('Alice’s groceries'));
    const dialog = await screen.findByTestId('tx-edit-dialog');
    expect(within(dialog).getByTestId('tx-view-only')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Name')).toBeDisabled();
    expect(within(dialog).queryByRole('button', { name: 'Save' })).not.toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: 'Split' })).not.toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: 'Revert' })).not.toBeInTheDocument();
    expect(screen.queryByTestId('tx-pick')).not.toBeInTheDocument();
    expect(screen.queryByTestId('tx-pick-page')).not.toBeInTheDocument();
    expect(net.calls.filter((c) => c.method !== 'GET')).toEqual([]);
  });

  it('view and edit: saves an edit, offers a rule for the shared accounts, and picks rows', async () => {
    const net = server(() => [aliceShares({ role: 'edit' })], {
      'PATCH /api/transactions/41': json({ ...ALICE_ROW, name: 'Market' }),
      'POST /api/users/1/rules/preview': json({ changed: 2, samples: [] }),
      'POST /api/users/1/rules': json({ id: 3, changed: 2 }, 201),
    });
    renderApp(<App />, { route: '/shared/1/transactions', user: BOB });
    expect(await screen.findByTestId('tx-pick')).toBeInTheDocument();
    expect(screen.getByTestId('shared-role')).toHaveTextContent('you can edit');
    await userEvent.click(screen.getByText('Alice’s groceries'));
    const dialog = await screen.findByTestId('tx-edit-dialog');
    expect(within(dialog).getByRole('button', { name: 'Split' })).toBeInTheDocument();
    const name = within(dialog).getByLabelText('Name');
    await userEvent.clear(name);
    await userEvent.type(name, 'Market');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(net.callsTo('PATCH /api/transactions/41')).toHaveLength(1));
    expect(net.callsTo('PATCH /api/transactions/41')[0]?.body).toEqual({ name: 'Market' });
    // The rule offered is for the shared accounts alone, as the server requires of a member.
    expect(await within(dialog).findByTestId('rule-offer')).toHaveTextContent('in the accounts shared with you');
    await userEvent.click(await within(dialog).findByRole('button', { name: 'Create rule and change 2' }));
    await waitFor(() => expect(net.callsTo('POST /api/users/1/rules')).toHaveLength(1));
    expect(net.callsTo('POST /api/users/1/rules')[0]?.body).toMatchObject({
      match_merchant: 'Uber',
      set_name: 'Market',
      match_account_ids: [5],
    });
    expect(net.callsTo('POST /api/users/1/rules')[0]?.url.search).toBe('?apply=true');
  });

  it('the accounts of a share: no bank management, no assets, links to the shared list', async () => {
    server(() => [aliceShares()], {
      'GET /api/users/1/net-worth/daily': json([]),
    });
    renderApp(<App />, { route: '/shared/1/accounts', user: BOB });
    const card = await screen.findByTestId('account-card');
    expect(within(card).getByTestId('account-transactions')).toHaveAttribute(
      'href',
      '/shared/1/transactions?account=5',
    );
    expect(within(card).queryByTestId('account-rename')).not.toBeInTheDocument();
    expect(within(card).queryByTestId('account-hide')).not.toBeInTheDocument();
    expect(screen.queryByTestId('add-manual-account')).not.toBeInTheDocument();
    expect(screen.queryByText('Assets')).not.toBeInTheDocument();
  });

  it('goes back to one’s own money when the owner ends the share', async () => {
    let shares = [aliceShares()];
    server(() => shares);
    const app = renderApp(<App />, { route: '/shared/1/transactions', user: BOB });
    expect(await screen.findByText('Alice’s groceries')).toBeInTheDocument();
    await waitFor(() => expect(socket.has('SHARES_CHANGED')).toBe(true));

    shares = [];
    act(() => socket.get('SHARES_CHANGED')?.({}));
    expect(await screen.findByText('Bob’s coffee')).toBeInTheDocument();
    expect(app.location().pathname).toBe('/transactions');
    expect(screen.getByText(/not shared with you any more/)).toBeInTheDocument();
    expect(screen.queryByTestId('money-switcher')).not.toBeInTheDocument();
  });

  it('refreshes the owner’s rows on their bank’s new transactions, without a toast', async () => {
    const net = server(() => [aliceShares()]);
    renderApp(<App />, { route: '/shared/1/transactions', user: BOB });
    expect(await screen.findByText('Alice’s groceries')).toBeInTheDocument();
    await waitFor(() => expect(socket.has('NEW_TRANSACTIONS_DATA')).toBe(true));
    const before = net.callsTo('GET /api/users/1/transactions').length;

    act(() => socket.get('NEW_TRANSACTIONS_DATA')?.({ item_id: 7, owner_id: 1, added: 3 }));
    await waitFor(() => expect(net.callsTo('GET /api/users/1/transactions').length).toBeGreaterThan(before));
    expect(screen.queryByText(/3 new transactions/)).not.toBeInTheDocument();
  });
});
