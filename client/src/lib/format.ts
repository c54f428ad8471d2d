/**
 * Money and dates for people: the account's currency, the browser's locale (Intl). `locale` is
 * left out in the app (the browser's own); tests pass one.
 */

const numberFormats = new Map<string, Intl.NumberFormat>();
const USD = 'USD';
// The person's settings (src/users/preferences.ts): money with no currency of its own is
// shown in theirs, and times in their time zone (undefined: the browser's).
let displayCurrency = USD;
let displayTimeZone: string | undefined;

/** The person's display currency (null: US dollars) and time zone (null: the browser's). */
export function setDisplay(currency: string | null, timeZone: string | null): void {
  displayCurrency = currency || USD;
  displayTimeZone = timeZone || undefined;
}
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(currency: string, locale?: string, whole = false): Intl.NumberFormat {
  const key = `${locale ?? ''}|${currency}|${whole}`;
  let f = numberFormats.get(key);
  if (!f) {
    const digits = whole ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {};
    try {
      f = new Intl.NumberFormat(locale, { style: 'currency', currency, ...digits });
    } catch {
      // An unofficial currency code (e.g. a crypto one): the number, then the code.
      const plain = new Intl.NumberFormat(
        locale,
        whole ? digits : { minimumFractionDigits: 2, maximumFractionDigits: 2 },
      );
      f = { format: (n: number) => `${plain.format(n)} ${currency}` } as Intl.NumberFormat;
    }
    numberFormats.set(key, f);
  }
  return f;
}

function dateFormat(options: Intl.DateTimeFormatOptions, locale?: string): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, f);
  }
  return f;
}

/** A decimal string as money in its currency (none: the person's), e.g. "1234.5" → "$1,234.50". */
export function formatMoney(
  value: string | number | null | undefined,
  currency: string | null = null,
  locale?: string,
): string {
  if (value === null || value === undefined || value === '') return '—';
  const n = Number(value);
  if (!Number.isFinite(n)) return '—';
  return numberFormat(currency || displayCurrency, locale).format(n);
}

/** Whole units, for chart axes: "$1,235". */
export function formatMoneyWhole(value: number, currency: string | null = null, locale?: string): string {
  return Number.isFinite(value) ? numberFormat(currency || displayCurrency, locale, true).format(value) : '—';
}

/** Plaid's sign (positive = money out) shown as −$12.50 out and +$12.50 in. */
export function formatTransactionAmount(
  amount: string,
  currency: string | null,
  locale?: string,
): { text: string; direction: 'in' | 'out' } {
  const n = Number(amount);
  const abs = formatMoney(Math.abs(n), currency, locale);
  return n > 0 ? { text: `−${abs}`, direction: 'out' } : { text: `+${abs}`, direction: 'in' };
}

/** A moment, in the person's time zone. */
export function formatDateTime(iso: string | null, locale?: string): string {
  if (!iso) return 'never';
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short', timeZone: displayTimeZone };
  return dateFormat(options, locale).format(new Date(iso));
}

/** A calendar date ("2024-01-05"), in the local time zone so it never shifts a day. */
export function formatDate(isoDate: string, locale?: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return dateFormat({ dateStyle: 'medium' }, locale).format(new Date(y, m - 1, d));
}

export function formatMonth(month: string, locale?: string): string {
  const [y, m] = month.split('-').map(Number);
  return dateFormat({ month: 'short', year: '2-digit' }, locale).format(new Date(y, m - 1, 1));
}

/** The currency money with none of its own is shown in: the person's (else US dollars). */
export function displayedCurrency(): string {
  return displayCurrency;
}

/** Today ("2024-01-05") in the person's time zone. */
export function today(now: Date = new Date()): string {
  const parts = dateFormat(
    { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: displayTimeZone },
    'en-US',
  ).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** This month ("2024-01") in the person's time zone. */
export function currentMonth(now: Date = new Date()): string {
  const parts = dateFormat({ year: 'numeric', month: '2-digit', timeZone: displayTimeZone }, 'en-US').formatToParts(
    now,
  );
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}`;
}
