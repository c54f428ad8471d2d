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
    expect(network.callsTo('POST /api/assets')[0].body).toEqual({ description: 'Car', value: '12.345' });
    expect(await screen.findByRole('alert')).toHaveTextContent('no more than 2 decimal places');
  });
});
