import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { TransactionsPage } from '../pages/TransactionsPage';
import { json, stubFetch } from '../test/fetchStub';
import { ALICE, renderApp } from '../test/render';
import { aTransaction } from '../test/transactions';
import { clicked, NOTHING, wholePage } from './selection';

const ROWS = [1, 2, 3, 4, 5].map((id) =>
  aTransaction({ id, name: `Ride ${id}`, display_name: `Ride ${id}`, plaid_transaction_id: `tx-${id}` }),
);

function server(total = ROWS.length) {
  return stubFetch({
    'GET /api/users/1/transactions': () => json(ROWS, 200, { 'X-Total-Count': String(total) }),
    'GET /api/users/1/accounts': json([{ id: 5, name: 'Checking', mask: '0000' }]),
    'GET /api/users/1/categories': json([{ category: 'TRAVEL', subcategories: [] }]),
    'POST /api/users/1/transactions/bulk-edit': (call) => {
      const body = call.body as { ids?: number[] };
      return json({ updated: body.ids ? body.ids.length : total });
    },
  });
}

describe('picking transactions', () => {
  const page = [1, 2, 3, 4, 5];

  it('a shift-click picks the run from the last click, either way', () => {
    let picked = clicked(NOTHING, 2, false, page);
    picked = clicked(picked, 4, true, page);
    expect([...picked.ids]).toEqual([2, 3, 4]);
    picked = clicked(picked, 3, true, page); // from 4 back to 3: dropped, as 3 was picked
    expect([...picked.ids].sort()).toEqual([2]);
    expect([...clicked(NOTHING, 5, true, page).ids]).toEqual([5]); // no anchor yet: one
  });

  it('a page at once, and off again', () => {
    const all = wholePage(clicked(NOTHING, 9, false, [9]), page, true);
    expect(all.ids.size).toBe(6);
    expect([...wholePage(all, page, false).ids]).toEqual([9]);
  });
});

describe('the bulk bar', () => {
  it('sets a category on the picked rows, by id, under the list’s filters', async () => {
    const api = server();
    const user = userEvent.setup();
    renderApp(<TransactionsPage />, { route: '/transactions?q=ride', user: ALICE });
    const boxes = await screen.findAllByTestId('tx-pick');
    await user.click(boxes[0]);
    await user.keyboard('{Shift>}');
    await user.click(boxes[2]);
    await user.keyboard('{/Shift}');
    expect(screen.getByTestId('tx-bulk-count')).toHaveTextContent('3 picked');
    expect(screen.queryByTestId('tx-edit-dialog')).not.toBeInTheDocument(); // a box, not the row
    await user.type(screen.getByTestId('tx-bulk-category'), 'TRAVEL');
    await user.click(screen.getByTestId('tx-bulk-set-category'));
    await waitFor(() => expect(api.callsTo('POST /api/users/1/transactions/bulk-edit')).toHaveLength(1));
    const call = api.callsTo('POST /api/users/1/transactions/bulk-edit')[0];
    expect(call.url.searchParams.get('q')).toBe('ride');
    expect(call.body).toEqual({ ids: [1, 2, 3], changes: { category: 'TRAVEL', subcategory: null } });
    await waitFor(() => expect(screen.queryByTestId('tx-bulk-bar')).not.toBeInTheDocument());
  });

  it('picks every match past this page, then edits by the filters alone', async () => {
    const api = server(120);
    const user = userEvent.setup();
    renderApp(<TransactionsPage />, { route: '/transactions?q=ride', user: ALICE });
    await user.click(await screen.findByTestId('tx-pick-page'));
    expect(screen.getByTestId('tx-bulk-count')).toHaveTextContent('5 picked');
    await user.click(screen.getByTestId('tx-bulk-all'));
    expect(screen.getByTestId('tx-bulk-count')).toHaveTextContent('All 120 matching');
    await user.type(screen.getByTestId('tx-bulk-tags'), 'taxi work');
    await user.click(screen.getByTestId('tx-bulk-add-tags'));
    await waitFor(() => expect(api.callsTo('POST /api/users/1/transactions/bulk-edit')).toHaveLength(1));
    expect(api.callsTo('POST /api/users/1/transactions/bulk-edit')[0].body).toEqual({
      changes: { add_tags: ['taxi', 'work'] },
    });
  });

  it('forgets the picked rows when the list changes', async () => {
    server();
    const user = userEvent.setup();
    renderApp(<TransactionsPage />, { route: '/transactions', user: ALICE });
    const rows = await screen.findAllByTestId('tx-row');
    await user.click(within(rows[1]).getByTestId('tx-pick'));
    expect(screen.getByTestId('tx-bulk-bar')).toBeInTheDocument();
    await user.click(screen.getByTestId('tx-sort-amount'));
    await waitFor(() => expect(screen.queryByTestId('tx-bulk-bar')).not.toBeInTheDocument());
  });
});
