import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { setDisplay, formatMoney } from '../lib/format';
import { json, stubFetch } from '../test/fetchStub';
import { renderApp } from '../test/render';
import { PreferencesCard } from './PreferencesCard';

const SAVED = { theme: 'system', time_zone: null, currency: null };

afterEach(() => {
  setDisplay(null, null);
  localStorage.clear();
});

describe('the display settings', () => {
  it('saves a theme and shows it at once', async () => {
    const net = stubFetch({
      'GET /api/users/1/preferences': json(SAVED),
      'PATCH /api/users/1/preferences': ({ body }) => json({ ...SAVED, ...(body as object) }),
    });
    renderApp(<PreferencesCard userId={1} />);
    await userEvent.click(await screen.findByRole('radio', { name: 'Dark' }));

    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    expect(net.callsTo('PATCH /api/users/1/preferences')[0]?.body).toEqual({ theme: 'dark' });
    expect(screen.getByRole('radio', { name: 'Dark' })).toBeChecked();
    expect(localStorage.getItem('pattern.theme')).toBe('dark');
  });

  it('keeps a theme chosen before the server has answered the first read', async () => {
    localStorage.setItem('pattern.preferences', JSON.stringify({ ...SAVED, theme: 'dark', user_id: 1 }));
    let answer: (value: unknown) => void = () => {};
    const slow = new Promise((resolve) => (answer = resolve));
    const net = stubFetch({
      'GET /api/users/1/preferences': () => slow.then(() => json({ ...SAVED, theme: 'dark' })),
      'PATCH /api/users/1/preferences': ({ body }) => json({ ...SAVED, ...(body as object) }),
    });
    renderApp(<PreferencesCard userId={1} />);
    await userEvent.click(await screen.findByRole('radio', { name: 'As the system' }));
    expect(screen.getByRole('radio', { name: 'As the system' })).toBeChecked();
    answer(undefined); // the first read's answer, from before the choice, is dropped
    await waitFor(() => expect(net.callsTo('PATCH /api/users/1/preferences')).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.getByRole('radio', { name: 'As the system' })).toBeChecked();
    expect(localStorage.getItem('pattern.theme')).toBeNull(); // the system's: no override kept
  });

  it('saves a currency, used for money with none of its own', async () => {
    stubFetch({
      'GET /api/users/1/preferences': json(SAVED),
      'PATCH /api/users/1/preferences': ({ body }) => json({ ...SAVED, ...(body as object) }),
    });
    renderApp(<PreferencesCard userId={1} />);
    await userEvent.selectOptions(await screen.findByRole('combobox', { name: 'Currency' }), 'EUR');
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Currency' })).toHaveValue('EUR'));
    expect(formatMoney('3', null, 'en-US')).toBe('€3.00');
  });

  it('says why a choice was refused', async () => {
    stubFetch({
      'GET /api/users/1/preferences': json(SAVED),
      'PATCH /api/users/1/preferences': json(
        { error: { code: 'unknown_time_zone', message: 'Unknown time zone.' } },
        422,
      ),
    });
    renderApp(<PreferencesCard userId={1} />);
    await userEvent.selectOptions(await screen.findByRole('combobox', { name: 'Time zone' }), 'Asia/Tokyo');
    expect(await screen.findByTestId('preferences-error')).toHaveTextContent('Unknown time zone.');
  });
});
