import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ApiToken, ApiTokenCreate } from '../api/types';
import { apiError, json, stubFetch } from '../test/fetchStub';
import { renderApp } from '../test/render';
import { ApiTokensCard } from './ApiTokensCard';

const SECRET = 'pat_' + 'a1B2'.repeat(10) + 'xyz';

function tokenFrom(id: number, body: ApiTokenCreate): ApiToken {
  return {
    id,
    name: body.name,
    scope: body.scope,
    created_at: '2026-12-04T08:00:00Z',
    expires_date: body.expires_date ?? null,
    expires_at: body.expires_date ? `${body.expires_date}T23:59:59Z` : null,
    last_used_at: null,
  };
}

describe('ApiTokensCard', () => {
  it('makes a read-only token, shows its secret once, lists it without, and revokes it', async () => {
    let stored: ApiToken[] = [];
    const net = stubFetch({
      'GET /api/users/1/tokens': () => json(stored),
      'POST /api/users/1/tokens': ({ body }) => {
        const made = tokenFrom(7, body as ApiTokenCreate);
        stored = [made];
        return json({ ...made, token: SECRET }, 201);
      },
      'DELETE /api/users/1/tokens/7': () => {
        stored = [];
        return json(null, 204);
      },
    });
    renderApp(<ApiTokensCard userId={1} />);
    expect(await screen.findByText('You have no API tokens.')).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText('Name'), 'Spreadsheet');
    expect(screen.getByLabelText('Read only')).toBeChecked(); // the safer one by default
    await userEvent.type(screen.getByLabelText('Expires after (optional)'), '2099-01-31');
    await userEvent.click(screen.getByRole('button', { name: 'Create token' }));

    expect(await screen.findByTestId('token-secret')).toHaveValue(SECRET);
    expect(net.callsTo('POST /api/users/1/tokens')[0]?.body).toEqual({
      name: 'Spreadsheet',
      scope: 'read',
      expires_date: '2099-01-31',
    });
    const row = await screen.findByTestId('token-row');
    expect(row).toHaveTextContent('Spreadsheet');
    expect(row).toHaveTextContent('Read only');
    expect(row).toHaveTextContent('never'); // not used yet
    expect(row).not.toHaveTextContent(SECRET);

    // Once dismissed, the secret is gone from the page for good.
    await userEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByTestId('token-secret')).not.toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(SECRET);

    await userEvent.click(within(row).getByRole('button', { name: 'Revoke Spreadsheet' }));
    expect(await screen.findByText('You have no API tokens.')).toBeInTheDocument();
    expect(net.callsTo('DELETE /api/users/1/tokens/7')).toHaveLength(1);
  });

  it('makes a read-and-write token with no expiry, and says why one is refused', async () => {
    let posts = 0;
    const net = stubFetch({
      'GET /api/users/1/tokens': () => json([]),
      'POST /api/users/1/tokens': ({ body }) => {
        posts += 1;
        if (posts === 1) return apiError(409, 'too_many_tokens', 'You have 50 API tokens already.');
        return json({ ...tokenFrom(8, body as ApiTokenCreate), token: SECRET }, 201);
      },
    });
    renderApp(<ApiTokensCard userId={1} />);
    await userEvent.click(await screen.findByLabelText('Read and write'));
    await userEvent.type(screen.getByLabelText('Name'), 'Importer{Enter}'); // the keyboard submits
    expect(await screen.findByRole('alert')).toHaveTextContent('You have 50 API tokens already.');
    await userEvent.click(screen.getByRole('button', { name: 'Create token' }));
    expect(await screen.findByTestId('token-secret')).toHaveValue(SECRET);
    expect(net.callsTo('POST /api/users/1/tokens').at(-1)?.body).toEqual({
      name: 'Importer',
      scope: 'write',
      expires_date: null,
    });
  });
});
