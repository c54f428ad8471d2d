import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { AccountForecast, Forecast } from '../api/types';
import { stubFetch } from '../test/fetchStub';
import { renderApp } from '../test/render';
import { ForecastWarning } from './ForecastWarning';

function account(over: Partial<AccountForecast>): AccountForecast {
  return {
    account_id: 1,
    account_name: 'Plaid Checking',
    institution_name: 'First Bank',
    currency: 'USD',
    current_balance: '900.00',
    lowest_balance: '-300.00',
    lowest_date: '2026-12-13',
    below_threshold: true,
    days: [],
    ...over,
  };
}

function forecast(accounts: AccountForecast[], threshold = '0.00'): Forecast {
  return { today: '2026-12-03', threshold, warning: accounts.some((a) => a.below_threshold), accounts };
}

describe('the forecast warning', () => {
  it('names each account that would go below the threshold, and when', async () => {
    stubFetch({
      'GET /api/users/1/forecast': {
        body: forecast([account({}), account({ account_id: 2, account_name: 'Savings', below_threshold: false })]),
      },
    });
    renderApp(<ForecastWarning userId={1} />);
    const warning = await screen.findByTestId('forecast-warning');
    expect(warning).toHaveTextContent('First Bank · Plaid Checking may fall to -$300.00 on Dec 13, 2026.');
    expect(warning).not.toHaveTextContent('Savings');
  });

  it('says nothing when every account stays above it', async () => {
    const net = stubFetch({ 'GET /api/users/1/forecast': { body: forecast([account({ below_threshold: false })]) } });
    renderApp(<ForecastWarning userId={1} />);
    await vi.waitFor(() => expect(net.callsTo('GET /api/users/1/forecast')).toHaveLength(1));
    expect(screen.queryByTestId('forecast-warning')).toBeNull();
  });
});
