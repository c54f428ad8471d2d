import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, json, stubFetch } from '../test/fetchStub';
import { ALICE, renderApp } from '../test/render';
import { AssetsCard } from './AssetsCard';

describe('AssetsCard', () => {
  it('sends the value as typed, so a third decimal is refused, not rounded', async () => {
    const network = stubFetch({
      'GET /api/users/1/assets': json([]),
      'POST /api/assets': apiError(
        422,
        'invalid_input',
        'value: Decimal input should have no more than 2 decimal places',
      ),
    });
    renderApp(<AssetsCard userId={1} />, { user: ALICE });
    await userEvent.type(await screen.findByTestId('asset-description'), 'Car');
    await userEvent.type(screen.getByTestId('asset-value'), '12.345');
    // Submitted past the browser's own step check, as a script or another browser may.
    fireEvent.submit(screen.getByTestId('asset-add').closest('form')!);
    await waitFor(() => expect(network.callsTo('POST /api/assets')).toHaveLength(1));
    expect(network.callsTo('POST /api/assets')[0].body).toEqual({ description: 'Car', value: '12.345', kind: 'other' });
    expect(await screen.findByRole('alert')).toHaveTextContent('no more than 2 decimal places');
  });

  it('changes an asset, its kind too, with the whole asset in a PUT', async () => {
    const house = {
      id: 7,
      user_id: 1,
      description: 'House',
      value: '350000.00',
      iso_currency_code: 'USD',
      kind: 'property',
      created_at: '2026-12-01T00:00:00Z',
      updated_at: '2026-12-01T00:00:00Z',
    };
    const network = stubFetch({
      'GET /api/users/1/assets': json([house]),
      'PUT /api/assets/7': json({ ...house, description: 'Van', value: '9000.00', kind: 'vehicle' }),
    });
    renderApp(<AssetsCard userId={1} />, { user: ALICE });
    expect(await screen.findByTestId('asset-row')).toHaveTextContent('Property');
    await userEvent.click(screen.getByTestId('asset-edit'));
    const description = screen.getByTestId('asset-edit-description');
    await userEvent.clear(description);
    await userEvent.type(description, 'Van');
    const value = screen.getByTestId('asset-edit-value');
    await userEvent.clear(value);
    await userEvent.type(value, '9000.00');
    await userEvent.selectOptions(screen.getByTestId('asset-edit-kind'), 'vehicle');
    await userEvent.click(screen.getByTestId('asset-save'));
    await waitFor(() => expect(network.callsTo('PUT /api/assets/7')).toHaveLength(1));
    expect(network.callsTo('PUT /api/assets/7')[0].body).toEqual({
      description: 'Van',
      value: '9000.00',
      kind: 'vehicle',
    });
  });
});
