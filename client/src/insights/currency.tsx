import { useSearchParams } from 'react-router-dom';
import { useMonthly } from './queries';

/** The currency the insights are shown in (`?currency=EUR`); undefined: the server's default. */
export function useInsightCurrency(): [string | undefined, (currency: string) => void] {
  const [params, setParams] = useSearchParams();
  const currency = params.get('currency') || undefined;
  const choose = (next: string) =>
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        updated.set('currency', next);
        return updated;
      },
      { replace: true },
    );
  return [currency, choose];
}

/** A choice of currency, shown only to people whose accounts hold more than one. */
export function CurrencyPicker({ userId }: { userId: number }) {
  const [currency, choose] = useInsightCurrency();
  // The same query as the income and spending chart's: answered from its cache.
  const monthly = useMonthly(userId, 12, currency);
  const data = monthly.data;
  if (!data || data.currencies.length < 2) return null;
  return (
    <label className="currency-picker">
      Insights in{' '}
      <select value={data.currency} onChange={(event) => choose(event.target.value)}>
        {data.currencies.map((code) => (
          <option key={code} value={code}>
            {code}
          </option>
        ))}
      </select>
    </label>
  );
}
