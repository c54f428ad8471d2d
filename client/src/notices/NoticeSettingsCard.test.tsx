import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, stubFetch } from '../test/fetchStub';
import { renderApp } from '../test/render';
import { NoticeSettingsCard } from './NoticeSettingsCard';

describe('the notice settings', () => {
  it('shows the days ahead a bill due is told, and saves another choice', async () => {
    const net = stubFetch({
      'GET /api/users/1/notices/settings': json({ bill_due_days: 3 }),
      'PUT /api/users/1/notices/settings': ({ body }) => json(body),
    });
    renderApp(<NoticeSettingsCard userId={1} />);
    const days = await screen.findByRole('combobox', { name: 'Tell me of a bill or subscription due' });
    expect(days).toHaveValue('3');
    expect(screen.getByRole('option', { name: 'never' })).toHaveValue('0');

    await userEvent.selectOptions(days, '0');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(net.callsTo('PUT /api/users/1/notices/settings')[0]?.body).toEqual({ bill_due_days: 0 });
  });
});
