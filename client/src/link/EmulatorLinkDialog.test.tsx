import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Item } from '../api/types';
import { BanksSection } from '../items/BanksSection';
import { apiError, json, stubFetch, type Handler } from '../test/fetchStub';
import { ALICE, renderApp } from '../test/render';

const PLATYPUS = { institution_id: 'ins_109508', name: 'First Platypus Bank', oauth: false, primary_color: '#1f7a8c' };
const GINGHAM = { institution_id: 'ins_109509', name: 'First Gingham Credit Union', oauth: false, primary_color: null };

const ITEM: Item = {
  id: 4,
  user_id: 1,
  plaid_item_id: 'item-abc',
  plaid_institution_id: PLATYPUS.institution_id,
  institution_name: PLATYPUS.name,
  status: 'good',
  error_code: null,
  sync_error_code: null,
  new_accounts_available: false,
  last_synced_at: '2024-01-05T10:00:00Z',
  transactions_update_status: 'HISTORICAL_UPDATE_COMPLETE',
  transactions_so_far: null,
  created_at: '2024-01-05T10:00:00Z',
  updated_at: '2024-01-05T10:00:00Z',
};

const SUCCESS = {
  public_token: 'public-emulator-123',
  metadata: {
    institution: { name: PLATYPUS.name, institution_id: PLATYPUS.institution_id },
    accounts: [{ id: 'acc-1', name: 'Plaid Checking', mask: '0000', type: 'depository', subtype: 'checking' }],
    link_session_id: 'link-session-1',
  },
};

/** The app's API and the emulator's Link endpoints; `exchange` answers POST /api/items. */
function network(exchange: Handler, items: Item[] = []) {
  let linked: Item[] = items;
  return stubFetch({
    'GET /api/config': json({ plaid_env: 'emulator', emulator_url: '/plaid-emulator' }),
    'GET /api/users/1/items': () => json(linked),
    'GET /api/items/4/accounts': json([]),
    'GET /api/institutions/ins_109508': json({ ...PLATYPUS, url: null, logo: null }),
    'POST /api/link-token': json({ link_token: 'link-emulator-tok', expiration: null }),
    'POST /api/link-event': json(null, 204),
    'GET /plaid-emulator/link/session': (call) =>
      call.url.searchParams.get('link_token') === 'link-emulator-tok'
        ? json({
            mode: 'new',
            client_name: 'Pattern',
            institutions: [PLATYPUS, GINGHAM],
            item: null,
            test_credentials: { username: 'user_good', password: 'pass_good' },
          })
        : json({ error: 'unknown link token' }, 400),
    'POST /plaid-emulator/link/session/complete': (call) => {
      const { password } = call.body as { password: string };
      if (password !== 'pass_good') {
        return json(
          {
            error: {
              error_type: 'ITEM_ERROR',
              error_code: 'INVALID_CREDENTIALS',
              error_message: 'the provided credentials were not correct',
              display_message: 'The credentials were not correct. Please try again.',
            },
            metadata: { status: 'requires_credentials', link_session_id: 'link-session-1', request_id: 'req-1' },
          },
          400,
        );
      }
      return json(SUCCESS);
    },
    'POST /api/items': async (call) => {
      const reply = await exchange(call);
      if (reply instanceof Response && reply.ok) linked = [ITEM];
      return reply;
    },
  });
}

async function linkThroughDialog(password = 'pass_good') {
  const user = userEvent.setup();
  await user.click(await screen.findByTestId('add-bank'));
  const dialog = await screen.findByRole('dialog', { name: 'Link a bank' });
  await user.type(await within(dialog).findByLabelText('Search institutions'), 'platypus');
  expect(within(dialog).queryByText(GINGHAM.name)).not.toBeInTheDocument();
  await user.click(within(dialog).getByTestId('link-institution-ins_109508'));
  await user.type(within(dialog).getByLabelText('Username'), 'user_good');
  await user.type(within(dialog).getByLabelText('Password'), password);
  await user.click(within(dialog).getByTestId('link-submit'));
  return { user, dialog };
}

describe('linking a bank through the emulator', () => {
  it('goes institution → credentials → public token → POST /api/items, then shows the bank', async () => {
    const api = network(() => json(ITEM, 201));
    renderApp(<BanksSection userId={1} />, { user: ALICE });
    expect(await screen.findByText(/No banks linked yet/)).toBeInTheDocument();
    await linkThroughDialog();

    expect(await screen.findByTestId('item-card')).toHaveTextContent(PLATYPUS.name);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByTestId('toast')).toHaveTextContent('First Platypus Bank is linked.');

    const complete = api.callsTo('POST /plaid-emulator/link/session/complete');
    expect(complete.map((c) => c.body)).toEqual([
      { link_token: 'link-emulator-tok', institution_id: 'ins_109508', username: 'user_good', password: 'pass_good' },
    ]);
    expect(api.callsTo('POST /api/items').map((c) => c.body)).toEqual([
      { public_token: 'public-emulator-123', institution_id: 'ins_109508', institution_name: 'First Platypus Bank' },
    ]);
    expect(api.callsTo('POST /api/link-event')[0].body).toMatchObject({
      type: 'success',
      link_session_id: 'link-session-1',
    });
    // The order of a person's steps, at the fetch boundary.
    const steps = api.calls.map((c) => `${c.method} ${c.path}`).filter((s) => /link|items$/.test(s));
    expect(steps.indexOf('POST /api/link-token')).toBeLessThan(steps.indexOf('GET /plaid-emulator/link/session'));
    expect(steps.indexOf('POST /plaid-emulator/link/session/complete')).toBeLessThan(steps.indexOf('POST /api/items'));
  });

  it('shows a 400 from the exchange in the dialog', async () => {
    network(() => apiError(400, 'plaid_invalid_public_token', 'Link did not finish. Try again.'));
    renderApp(<BanksSection userId={1} />, { user: ALICE });
    const { dialog } = await linkThroughDialog();
    expect(await within(dialog).findByTestId('link-error')).toHaveTextContent('Link did not finish. Try again.');
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    expect(screen.queryByTestId('item-card')).not.toBeInTheDocument();
  });

  it('marks a bank already linked and does not offer it again', async () => {
    network(() => json(ITEM, 201), [ITEM]);
    renderApp(<BanksSection userId={1} />, { user: ALICE });
    await screen.findByTestId('item-card');
    const user = userEvent.setup();
    await user.click(screen.getByTestId('add-bank'));
    const dialog = await screen.findByRole('dialog', { name: 'Link a bank' });
    const platypus = await within(dialog).findByTestId('link-institution-ins_109508');
    expect(platypus).toHaveTextContent('Linked');
    expect(platypus).toBeDisabled();
    expect(platypus).toHaveAccessibleDescription(/already here.*Add accounts/);
    expect(within(dialog).getByTestId('link-institution-ins_109509')).toBeEnabled();
    expect(within(dialog).getByTestId('link-institution-ins_109509')).not.toHaveTextContent('Linked');
  });

  it('shows a 409 as "already linked" (linked meanwhile, in another tab)', async () => {
    network(() => apiError(409, 'duplicate_item', 'You have already linked an item at this institution.'));
    renderApp(<BanksSection userId={1} />, { user: ALICE });
    const { dialog } = await linkThroughDialog();
    expect(await within(dialog).findByTestId('link-error')).toHaveTextContent(
      'You have already linked an item at this institution.',
    );
  });

  it("shows the bank's message for wrong credentials, without exchanging anything", async () => {
    const api = network(() => json(ITEM, 201));
    renderApp(<BanksSection userId={1} />, { user: ALICE });
    const { dialog } = await linkThroughDialog('wrong');
    expect(await within(dialog).findByTestId('link-error')).toHaveTextContent(
      'The credentials were not correct. Please try again.',
    );
    expect(api.callsTo('POST /api/items')).toHaveLength(0);
    await waitFor(() =>
      expect(api.callsTo('POST /api/link-event').map((c) => c.body)).toContainEqual(
        expect.objectContaining({ type: 'exit', error_code: 'INVALID_CREDENTIALS', status: 'requires_credentials' }),
      ),
    );
  });

  it('is a keyboard-usable dialog: focus inside on open, Escape closes it', async () => {
    network(() => json(ITEM, 201));
    renderApp(<BanksSection userId={1} />, { user: ALICE });
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('add-bank'));
    const dialog = await screen.findByRole('dialog', { name: 'Link a bank' });
    expect(await within(dialog).findByLabelText('Search institutions')).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByTestId('add-bank')).toHaveFocus();
  });
});
