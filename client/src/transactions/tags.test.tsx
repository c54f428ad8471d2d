import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { TransactionsPage } from '../pages/TransactionsPage';
import { json, stubFetch } from '../test/fetchStub';
import { ALICE, renderApp } from '../test/render';
import { aTransaction } from '../test/transactions';
import { parseTags } from './tags';

const TX = aTransaction({
  name: 'Hotel Lisboa',
  merchant_name: null,
  display_name: 'Hotel Lisboa',
  original_name: 'Hotel Lisboa',
  amount: '120',
  date: '2024-03-01',
  note: 'Paid for Ana too',
  tags: ['vacation'],
});

function server() {
  return stubFetch({
    'GET /api/users/1/transactions': () => json([TX], 200, { 'X-Total-Count': '1' }),
    'GET /api/users/1/accounts': json([{ id: 5, name: 'Checking', mask: '0000' }]),
    'GET /api/users/1/categories': json([{ category: 'Travel', subcategories: [] }]),
    'PATCH /api/transactions/1': (call) => json({ ...TX, ...(call.body as object) }),
  });
}

describe('tags and notes', () => {
  it('reads tags as words separated by spaces or commas, each once', () => {
    expect(parseTags(' vacation, Tax-2026  vacation VACATION ')).toEqual({ ok: true, tags: ['vacation', 'Tax-2026'] });
    expect(parseTags('')).toEqual({ ok: true, tags: [] });
    const wrong = parseTags('ok wrong!');
    expect(wrong.ok).toBe(false);
    expect(!wrong.ok && wrong.problem).toContain('“wrong!”');
    expect(parseTags(Array.from({ length: 21 }, (_, n) => `t${n}`).join(' ')).ok).toBe(false);
  });

  it('shows a row’s tags and note; a tag shows the transactions with it', async () => {
    const api = server();
    const user = userEvent.setup();
    const app = renderApp(<TransactionsPage />, { route: '/transactions', user: ALICE });
    const row = await screen.findByTestId('tx-row');
    expect(within(row).getByTestId('tx-note')).toHaveTextContent('Paid for Ana too');
    await user.click(within(row).getByTestId('tx-tag'));
    expect(new URLSearchParams(app.location().search).get('q')).toBe('tag:vacation');
    await waitFor(() =>
      expect(api.callsTo('GET /api/users/1/transactions').at(-1)!.url.searchParams.get('q')).toBe('tag:vacation'),
    );
    expect(screen.queryByTestId('tx-edit-dialog')).not.toBeInTheDocument(); // the tag, not the row
  });

  it('saves tags and a note from the edit dialog, and refuses a tag it cannot search', async () => {
    const api = server();
    const user = userEvent.setup();
    renderApp(<TransactionsPage />, { route: '/transactions', user: ALICE });
    await user.click(await screen.findByTestId('tx-row'));
    const tags = screen.getByTestId('tx-edit-tags');
    expect(tags).toHaveValue('vacation');
    await user.clear(tags);
    await user.type(tags, 'vacation, two words!');
    expect(screen.getByTestId('tx-edit-tags-help')).toHaveTextContent('“words!” cannot be a tag');
    expect(tags).toHaveAttribute('aria-invalid', 'true');
    await user.click(screen.getByTestId('tx-edit-save'));
    expect(api.callsTo('PATCH /api/transactions/1')).toHaveLength(0);

    await user.clear(tags);
    await user.type(tags, 'vacation work');
    await user.clear(screen.getByTestId('tx-edit-note'));
    await user.type(screen.getByTestId('tx-edit-note'), 'Ana paid me back');
    await user.click(screen.getByTestId('tx-edit-save'));
    await waitFor(() =>
      expect(api.callsTo('PATCH /api/transactions/1').map((c) => c.body)).toEqual([
        { note: 'Ana paid me back', tags: ['vacation', 'work'] },
      ]),
    );
  });
});
