const formatters = new Map<string, Intl.NumberFormat>();

function formatter(currency: string): Intl.NumberFormat {
  let f = formatters.get(currency);
  if (!f) {
    try {
      f = new Intl.NumberFormat(undefined, { style: 'currency', currency });
    } catch {
      f = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }
    formatters.set(currency, f);
  }
  return f;
}

/** A decimal string as money, e.g. "1234.5" → "$1,234.50". */
export function formatMoney(value: string | number | null | undefined, currency: string | null = 'USD'): string {
  if (value === null || value === undefined || value === '') return '—';
  return formatter(currency ?? 'USD').format(Number(value));
}

/** Plaid's sign (positive = money out) shown as -$12.50 out and +$12.50 in. */
export function formatTransactionAmount(amount: string, currency: string | null): { text: string; direction: 'in' | 'out' } {
  const n = Number(amount);
  const abs = formatMoney(Math.abs(n), currency);
  return n > 0 ? { text: `−${abs}`, direction: 'out' } : { text: `+${abs}`, direction: 'in' };
}

export function formatDateTime(iso: string | null): string {
  if (!iso) return 'never';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(y, m - 1, d).toLocaleDateString(undefined, { dateStyle: 'medium' });
}

export function formatMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(y, m - 1, 1).toLocaleDateString(undefined, { month: 'short', year: '2-digit' });
}

export function currentMonth(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}
