import { describe, expect, it } from 'vitest';
import { categoryTotalsText, monthlyFlowText, seriesText } from './chartText';

describe('chart text alternatives', () => {
  it('reads income and spending month by month', () => {
    const text = monthlyFlowText(
      [
        { month: '2026-01', income: 3000, spending: 1200.5 },
        { month: '2026-02', income: 0, spending: 80 },
      ],
      'USD',
    );
    expect(text).toContain('income $3,000.00, spending $1,200.50');
    expect(text).toContain('income $0.00, spending $80.00');
  });

  it('totals each category over the months', () => {
    const rows = [
      { month: '2026-01', Food: 10, Travel: 5 },
      { month: '2026-02', Food: 20, Travel: 0 },
    ];
    expect(categoryTotalsText(rows, ['Food', 'Travel'], 'USD')).toContain('Totals: Food $30.00, Travel $5.00.');
  });

  it('says where a series starts, ends, and its low and high', () => {
    const text = seriesText(
      'net worth',
      [
        { date: '2026-01-01', value: 100 },
        { date: '2026-01-02', value: 50 },
        { date: '2026-01-03', value: 300 },
        { date: '2026-01-04', value: 200 },
      ],
      'USD',
    );
    expect(text).toMatch(/from \$100\.00 on .* to \$200\.00 on /);
    expect(text).toMatch(/lowest \$50\.00 on .*, highest \$300\.00 on /);
    expect(seriesText('net worth', [], 'USD')).toBe('Line chart of net worth: no data yet.');
  });
});
