import { useState } from 'react';
import { Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AccountForecast } from '../api/types';
import { seriesText } from '../charts/chartText';
import { Card, Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { formatDate, formatMoney, formatMoneyWhole } from '../lib/format';
import { useForecast, useForecastSettings } from './queries';

/** Each cash account's expected balance over the next 30 days, and the warning threshold. */
export function ForecastCard({ userId }: { userId: number }) {
  const forecast = useForecast(userId);
  const data = forecast.data;
  return (
    <Card
      title="Next 30 days"
      className="forecast"
      actions={data && <ThresholdForm userId={userId} value={data.threshold} />}
    >
      {forecast.isPending && <Loading />}
      <ErrorText error={forecast.error} />
      {data && data.accounts.length === 0 && (
        <p className="muted">Link a checking or savings account to see its forecast.</p>
      )}
      <div className="stack">
        {data?.accounts.map((account) => (
          <AccountLine key={account.account_id} account={account} threshold={Number(data.threshold)} />
        ))}
      </div>
    </Card>
  );
}

function AccountLine({ account, threshold }: { account: AccountForecast; threshold: number }) {
  const points = account.days.map((d) => ({ date: d.date, balance: Number(d.balance) }));
  return (
    <div data-testid="forecast-account" data-below={account.below_threshold}>
      <p className="bar-label">
        <span>
          {account.institution_name ? `${account.institution_name} · ` : ''}
          {account.account_name}
        </span>
        <span className={account.below_threshold ? 'amount-out' : 'muted'}>
          lowest {formatMoney(account.lowest_balance, account.currency)} on {formatDate(account.lowest_date)}
        </span>
      </p>
      <div className="chart chart-small">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart
            data={points}
            margin={{ top: 8, right: 8, bottom: 0, left: 8 }}
            role="img"
            aria-label={seriesText(
              `${account.account_name}'s expected balance over the next 30 days`,
              points.map((p) => ({ date: p.date, value: p.balance })),
              account.currency,
            )}
          >
            <XAxis dataKey="date" tickFormatter={(d: string) => formatDate(d)} minTickGap={40} fontSize={12} />
            <YAxis tickFormatter={(v: number) => formatMoneyWhole(v, account.currency)} width={80} fontSize={12} />
            <Tooltip
              formatter={(v) => formatMoney(Number(v), account.currency)}
              labelFormatter={(l) => (typeof l === 'string' ? formatDate(l) : l)}
            />
            <ReferenceLine y={threshold} stroke="#dc2626" strokeDasharray="4 4" />
            <Line
              isAnimationActive={false}
              type="stepAfter"
              dataKey="balance"
              name="Balance"
              stroke="#2563eb"
              dot={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}

function ThresholdForm({ userId, value }: { userId: number; value: string }) {
  const save = useForecastSettings(userId);
  const [threshold, setThreshold] = useState(value);
  return (
    <form
      className="row"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ threshold: threshold.trim() || '0' });
      }}
    >
      <label htmlFor="forecast-threshold" className="small muted">
        Warn below
      </label>
      <input
        id="forecast-threshold"
        inputMode="decimal"
        size={8}
        value={threshold}
        onChange={(event) => setThreshold(event.target.value)}
      />
      <button type="submit" className="button-secondary" disabled={save.isPending}>
        Save
      </button>
      <ErrorText error={save.error} />
    </form>
  );
}
