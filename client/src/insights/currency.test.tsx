import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../lib/format';
import { stubFetch, type Call } from '../test/fetchStub';
import { renderApp } from '../test/render';
import { CurrencyPicker } from './currency';
import { insightKeys } from './queries';
import { SpendingByCategory } from './SpendingByCategory';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

// What the server answers: the figures of the currency asked for (default: dollars).
function answer(currencies: string[]) {
  return (call: Call) => {
    const currency = call.url.searchParams.get('currency') ?? currencies[0];
    const total = currency === 'EUR' ? '903.10' : '77.41';
    return {
      body: {
        currency,
        currencies,
        start_date: '2024-01-01',
        end_date: '2024-01-31',
        total,
        count: 1,
        income: '0.00',
        spending: total,
        net: `-${total}`,
        months: [],
        categories: [{ category: 'Shops', total, count: 1, subcategories: [] }],
      },
    };
  };
}

describe('insights in several currencies', () => {
  it('shows them in one currency at a time, with a choice of the others', async () => {
    const user = userEvent.setup();
    const network = stubFetch({
      'GET /api/users/1/insights/monthly': answer(['USD', 'EUR']),
      'GET /api/users/1/insights/spending': answer(['USD', 'EUR']),
    });
    const app = renderApp(
      <>
        <CurrencyPicker userId={1} />
        <SpendingByCategory userId={1} month="2024-01" />
      </>,
    );
    const card = (await screen.findByText('Spending this month')).closest('section') as HTMLElement;
    expect(await within(card).findAllByText(plain(formatMoney('77.41', 'USD')))).not.toHaveLength(0);

    await user.selectOptions(await screen.findByLabelText(/Insights in/), 'EUR');
    expect(await within(card).findAllByText(plain(formatMoney('903.10', 'EUR')))).not.toHaveLength(0);
    expect(app.location().search).toBe('?currency=EUR');
    const asked = network.callsTo('GET /api/users/1/insights/spending').map((c) => c.url.searchParams.get('currency'));
    expect(asked).toEqual([null, 'EUR']);
  });

  it('offers no choice to people with one currency', async () => {
    stubFetch({ 'GET /api/users/1/insights/monthly': answer(['USD']) });
    const app = renderApp(<CurrencyPicker userId={1} />);
    await waitFor(() =>
      expect(app.queryClient.getQueryState(insightKeys.monthly(1, 12, undefined))?.status).toBe('success'),
    );
    expect(screen.queryByLabelText(/Insights in/)).toBeNull();
  });
});
