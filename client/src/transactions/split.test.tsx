import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Transaction } from '../api/types';
import { TransactionsPage } from '../pages/TransactionsPage';
import { json, stubFetch } from '../test/fetchStub';
import { ALICE, renderApp } from '../test/render';
import { aTransaction } from '../test/transactions';
import { checkedParts, evenly, leftToAssign, startingRows, withAmount } from './split';

const COSTCO = aTransaction({
  name: 'Costco',
  merchant_name: null,
  display_name: 'Costco',
  original_name: 'Costco',
  amount: '100.00',
  category: 'FOOD_AND_DRINK',
});
const REFUND = aTransaction({ amount: '-30.00' });

function server(tx: Transaction = COSTCO) {
  return stubFetch({
    'GET /api/users/1/transactions': () => json([tx], 200, { 'X-Total-Count': '1' }),
    'GET /api/users/1/accounts': json([{ id: 5, name: 'Checking', mask: '0000' }]),
    'GET /api/users/1/categories': json([{ category: 'FOOD_AND_DRINK', subcategories: [] }]),
    'PUT /api/transactions/1/splits': (call) => {
      const parts = (call.body as { parts: { amount: string; category: string | null }[] }).parts;
      return json({
        ...tx,
        splits: parts.map((p, i) => ({ id: i + 1, note: null, subcategory: null, tags: [], ...p })),
      });
    },
    'DELETE /api/transactions/1/splits': json({ ...tx, splits: [] }),
  });
}

describe('split parts', () => {
  it('start from the whole; the first part takes up what the others change', () => {
    const rows = startingRows(COSTCO);
    expect(rows.map((r) => r.amount)).toEqual(['100.00', '']);
    expect(rows[0].category).toBe('FOOD_AND_DRINK');
    const typed = withAmount(COSTCO, rows, 1, '40', false);
    expect(typed.map((r) => r.amount)).toEqual(['60.00', '40']);
    expect(leftToAssign(COSTCO, typed)).toBe(0);
    // Once the person types the first part's amount, it is theirs.
    const pinned = withAmount(COSTCO, withAmount(COSTCO, typed, 0, '50', false), 1, '30', true);
    expect(pinned.map((r) => r.amount)).toEqual(['50', '30']);
    expect(leftToAssign(COSTCO, pinned)).toBe(2000);
  });

  it('say what is wrong in words, and send amounts in the transaction’s sign', () => {
    const rows = startingRows(COSTCO);
    expect(checkedParts(COSTCO, rows)).toEqual({ ok: false, problem: 'Part 2: type an amount such as 12.50.' });
    const over = withAmount(COSTCO, rows, 0, '70', true).map((r, i) => (i ? { ...r, amount: '40' } : r));
    expect(checkedParts(COSTCO, over)).toEqual({ ok: false, problem: 'The parts are 10.00 over.' });
    const threeDecimals = [{ ...rows[0], amount: '60.005' }, rows[1]];
    expect(checkedParts(COSTCO, threeDecimals).ok).toBe(false);
    const refund = evenly(REFUND, startingRows(REFUND));
    expect(refund.map((r) => r.amount)).toEqual(['15.00', '15.00']);
    const body = checkedParts(REFUND, refund);
    expect(body.ok && body.body.parts.map((p) => p.amount)).toEqual(['-15.00', '-15.00']);
    const thirds = evenly(COSTCO, [...rows, rows[1]]);
    expect(thirds.map((r) => r.amount)).toEqual(['33.34', '33.33', '33.33']);
  });

  it('are saved from the edit dialog and shown in the list', async () => {
    const api = server();
    const user = userEvent.setup();
    renderApp(<TransactionsPage />, { route: '/transactions', user: ALICE });
    await user.click(await screen.findByTestId('tx-row'));
    await user.click(screen.getByTestId('tx-split-open'));
    const amounts = screen.getAllByTestId('tx-split-amount');
    await user.type(amounts[1], '40');
    expect(amounts[0]).toHaveValue('60.00');
    await user.type(screen.getAllByTestId('tx-split-category')[1], 'HOME');
    await user.type(screen.getAllByTestId('tx-split-tags')[1], 'flat');
    expect(screen.getByTestId('tx-split-left')).toHaveTextContent('Every cent assigned.');
    await user.click(screen.getByTestId('tx-split-save'));
    await waitFor(() => expect(api.callsTo('PUT /api/transactions/1/splits')).toHaveLength(1));
    expect(api.callsTo('PUT /api/transactions/1/splits')[0].body).toEqual({
      parts: [
        { amount: '60.00', category: 'FOOD_AND_DRINK', subcategory: null, note: null, tags: [] },
        { amount: '40.00', category: 'HOME', subcategory: null, note: null, tags: ['flat'] },
      ],
    });
    await waitFor(() => expect(screen.queryByTestId('tx-edit-dialog')).not.toBeInTheDocument());
  });

  it('are not sent while they do not add up', async () => {
    const api = server();
    const user = userEvent.setup();
    renderApp(<TransactionsPage />, { route: '/transactions', user: ALICE });
    await user.click(await screen.findByTestId('tx-row'));
    await user.click(screen.getByTestId('tx-split-open'));
    const amounts = screen.getAllByTestId('tx-split-amount');
    await user.clear(amounts[0]);
    await user.type(amounts[0], '50');
    await user.type(amounts[1], '30');
    expect(screen.getByTestId('tx-split-left')).toHaveTextContent('$20.00 left to assign');
    await user.click(screen.getByTestId('tx-split-save'));
    expect(screen.getByTestId('tx-split-problem')).toHaveTextContent('20.00 is left to assign.');
    expect(api.callsTo('PUT /api/transactions/1/splits')).toHaveLength(0);
  });

  it('show in the list with each part’s category, and can be undone', async () => {
    const split = {
      ...COSTCO,
      splits: [
        { id: 1, amount: '60.00', category: 'FOOD_AND_DRINK', subcategory: null, note: null, tags: [] },
        { id: 2, amount: '40.00', category: 'HOME', subcategory: null, note: null, tags: [] },
      ],
    };
    const api = server(split);
    const user = userEvent.setup();
    renderApp(<TransactionsPage />, { route: '/transactions', user: ALICE });
    const row = await screen.findByTestId('tx-row');
    expect(within(row).getByTestId('tx-split-badge')).toHaveTextContent('Split in 2');
    expect(
      within(row)
        .getAllByTestId('tx-part')
        .map((p) => p.textContent),
    ).toEqual([expect.stringContaining('−$60.00'), expect.stringContaining('−$40.00')]);
    await user.click(row);
    await user.click(screen.getByTestId('tx-split-open'));
    expect(screen.getAllByTestId('tx-split-amount').map((i) => (i as HTMLInputElement).value)).toEqual([
      '60.00',
      '40.00',
    ]);
    await user.click(screen.getByTestId('tx-unsplit'));
    await waitFor(() => expect(api.callsTo('DELETE /api/transactions/1/splits')).toHaveLength(1));
  });
});
