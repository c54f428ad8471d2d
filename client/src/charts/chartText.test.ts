import { describe, expect, it } from 'vitest';
import { categoryTotalsText, monthlyFlowText, netWorthPartsText, seriesText } from './chartText';

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

  it('reads net worth by type: from, to, and what the last day is made of', () => {
    const day = { cash: 1000, investments: 0, assets: 5000, credit: 410, loans: 200 };
    const text = netWorthPartsText(
      [
        { date: '2026-11-01', ...day, net_worth: 5500 },
        { date: '2026-12-01', ...day, net_worth: 5390 },
      ],
      'USD',
    );
    expect(text).toContain('from $5,500.00 on');
    expect(text).toContain('to $5,390.00 on');
    expect(text).toContain(
      'cash $1,000.00, investments $0.00, assets $5,000.00, credit owed $410.00, loans owed $200.00',
    );
    expect(netWorthPartsText([], 'USD')).toBe('Chart of net worth by type: no data yet.');
  });
});
