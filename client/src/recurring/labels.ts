import type { RecurringStream } from '../api/types';

const FREQUENCIES: Record<string, string> = {
  WEEKLY: 'Weekly',
  BIWEEKLY: 'Every 2 weeks',
  SEMI_MONTHLY: 'Twice a month',
  MONTHLY: 'Monthly',
  ANNUALLY: 'Yearly',
};

export function frequencyLabel(frequency: string): string {
  return FREQUENCIES[frequency] ?? 'Irregular';
}

/** The stream's name as a person knows it: the merchant, else the bank's description. */
export function streamName(stream: Pick<RecurringStream, 'merchant_name' | 'description'>): string {
  return stream.merchant_name || stream.description;
}

/** The days from `today` through 30 days later, as ISO dates. */
export function nextDays(today: string, count = 31): string[] {
  const [y, m, d] = today.split('-').map(Number);
  return Array.from({ length: count }, (_, k) => {
    const day = new Date(Date.UTC(y, m - 1, d + k));
    return day.toISOString().slice(0, 10);
  });
}
