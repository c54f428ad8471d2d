import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Account, ReceivedShare, Share, ShareCreate } from '../api/types';
import { apiError, json, stubFetch } from '../test/fetchStub';
import { renderApp } from '../test/render';
import { HouseholdCard } from './HouseholdCard';

function account(id: number, item_id: number, name: string): Account {
  return {
    id,
    item_id,
    plaid_account_id: `a${id}`,
    name,
    mask: `000${id}`,
    official_name: null,
    current_balance: '100.00',
    available_balance: null,
    credit_limit: null,
    iso_currency_code: 'USD',
    unofficial_currency_code: null,
    type: 'depository',
    subtype: 'checking',
    display_name: null,
    hidden: false,
    excluded_from_net_worth: false,
    manual: false,
  };
}

const ACCOUNTS = [account(1, 10, 'Checking'), account(2, 10, 'Savings'), account(3, 20, 'Card')];
const BOB = { id: 2, username: 'bob' };

function shareOf(id: number, body: ShareCreate, member: typeof BOB | null): Share {
  return {
    id,
    member,
    role: body.role,
    budget: body.budget ?? false,
    account_ids: body.account_ids,
    invite_expires_at: member ? null : '2026-12-11T12:00:00Z',
    created_at: '2026-12-04T12:00:00Z',
  };
}

/** Alice's server: her accounts at two banks, the shares she gives (kept), those she gets. */
function server({ received = [] as ReceivedShare[], given = [] as Share[] } = {}) {
  let shares = given;
  let incoming = received;
  return stubFetch({
    'GET /api/users/1/accounts': json(ACCOUNTS),
    'GET /api/users/1/items': json([
      { id: 10, institution_name: 'First Platypus Bank', plaid_institution_id: 'ins_1' },
      { id: 20, institution_name: 'Tartan Bank', plaid_institution_id: 'ins_2' },
    ]),
    'GET /api/users/1/shares': () => json(shares),
    'GET /api/users/1/shared-with-me': () => json(incoming),
    'POST /api/users/1/shares': ({ body }) => {
      const wanted = body as ShareCreate;
      if (wanted.username === 'nobody') return apiError(422, 'validation_error', 'There is no person called nobody.');
      const made = shareOf(7, wanted, wanted.username ? BOB : null);
      shares = [...shares, made];
      return json({ ...made, invite_token: wanted.username ? null : 'tok-123' }, 201);
    },
    'PUT /api/shares/7': ({ body }) => {
      shares = shares.map((s) => (s.id === 7 ? { ...s, ...(body as object) } : s));
      return json(shares[0]);
    },
    'DELETE /api/shares/7': () => {
      shares = [];
      return json(null, 204);
    },
    'DELETE /api/shares/9': () => {
      incoming = [];
      return json(null, 204);
    },
  });
}

afterEach(() => vi.restoreAllMocks());

describe('the Household card', () => {
  it('shares the chosen accounts with a person, view only, and lists the share', async () => {
    const net = server();
    renderApp(<HouseholdCard userId={1} />);
    expect(await screen.findByText('You share nothing yet.')).toBeInTheDocument();
    const form = screen.getByTestId('share-new-form');
    // The accounts by bank, to choose from.
    expect(await within(form).findByRole('group', { name: 'Tartan Bank' })).toHaveTextContent('Card');
    expect(within(form).getByRole('group', { name: 'First Platypus Bank' })).toHaveTextContent('Savings');
    expect(within(form).getByRole('button', { name: 'Share' })).toBeDisabled(); // nothing chosen yet

    await userEvent.type(within(form).getByLabelText('Their username on this server'), 'bob');
    expect(within(form).getByRole('radio', { name: /View only/ })).toBeChecked(); // the safer one
    await userEvent.click(within(form).getByRole('checkbox', { name: /Savings/ }));
    await userEvent.click(within(form).getByRole('button', { name: 'Share' }));

    const row = await screen.findByTestId('share-row');
    expect(net.callsTo('POST /api/users/1/shares')[0]?.body).toEqual({
      username: 'bob',
      role: 'view',
      account_ids: [2],
      budget: false,
    });
    expect(row).toHaveTextContent('bob · view only · 1 account');
    // The form is empty again for the next person.
    expect(screen.getByLabelText('Their username on this server')).toHaveValue('');
  });

  it('says why the server refuses a username, and shares nothing', async () => {
    server();
    renderApp(<HouseholdCard userId={1} />);
    await userEvent.type(await screen.findByLabelText('Their username on this server'), 'nobody');
    await userEvent.click(await screen.findByRole('checkbox', { name: /Checking/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Share' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('There is no person called nobody.');
    expect(screen.getByText('You share nothing yet.')).toBeInTheDocument();
  });

  it('makes an invite link for every account and the budget, shown once with its address', async () => {
    const net = server();
    renderApp(<HouseholdCard userId={1} />);
    await userEvent.click(await screen.findByLabelText(/Make an invite link instead/));
    expect(screen.getByLabelText('Their username on this server')).toBeDisabled();
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Select all' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Share my budget too' }));
    await userEvent.click(screen.getByRole('radio', { name: /View and edit/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Make the invite link' }));

    expect(await screen.findByTestId('share-invite-url')).toHaveValue(
      `${window.location.origin}/household/join?token=tok-123`,
    );
    expect(net.callsTo('POST /api/users/1/shares')[0]?.body).toEqual({
      role: 'edit',
      account_ids: [1, 2, 3],
      budget: true,
    });
    const row = await screen.findByTestId('share-row');
    expect(row).toHaveTextContent('Invite link, not yet taken, expires');
    expect(row).toHaveTextContent('view and edit · 3 accounts · the budget');
    expect(row).not.toHaveTextContent('tok-123');
    await userEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByTestId('share-invite-url')).not.toBeInTheDocument();
  });

  it('changes a share in the same form, then ends it', async () => {
    const given = [shareOf(7, { role: 'view', account_ids: [1], budget: false }, BOB)];
    const net = server({ given });
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    renderApp(<HouseholdCard userId={1} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Change sharing with bob' }));
    const dialog = await screen.findByTestId('share-change-dialog');
    expect(within(dialog).queryByLabelText('Their username on this server')).not.toBeInTheDocument();
    expect(await within(dialog).findByRole('checkbox', { name: /Checking/ })).toBeChecked();
    await userEvent.click(within(dialog).getByRole('checkbox', { name: /Card/ }));
    await userEvent.click(within(dialog).getByRole('radio', { name: /View and edit/ }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(screen.queryByTestId('share-change-dialog')).not.toBeInTheDocument());
    expect(net.callsTo('PUT /api/shares/7')[0]?.body).toEqual({ role: 'edit', account_ids: [1, 3], budget: false });
    expect(await screen.findByTestId('share-terms')).toHaveTextContent('view and edit · 2 accounts');

    await userEvent.click(screen.getByRole('button', { name: 'End sharing with bob' }));
    expect(confirm).toHaveBeenCalledWith('Stop sharing with bob?');
    expect(await screen.findByText('You share nothing yet.')).toBeInTheDocument();
    expect(net.callsTo('DELETE /api/shares/7')).toHaveLength(1);
  });

  it('lists the money shared with you, and leaves it', async () => {
    const received: ReceivedShare[] = [
      { id: 9, owner: { id: 3, username: 'carol' }, role: 'view', budget: false, account_ids: [4, 5, 6] },
    ];
    const net = server({ received });
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    renderApp(<HouseholdCard userId={1} />);
    expect(await screen.findByTestId('received-text')).toHaveTextContent('carol shares 3 accounts with you, view only');
    expect(screen.getByRole('link', { name: 'Show carol’s money' })).toHaveAttribute('href', '/shared/3');
    await userEvent.click(screen.getByRole('button', { name: 'Leave carol’s money' }));
    expect(await screen.findByText('Nobody shares their money with you.')).toBeInTheDocument();
    expect(net.callsTo('DELETE /api/shares/9')).toHaveLength(1);
  });
});
