import type { BudgetFigures } from '../api/types';

/** Spent against available as a bar, with a mark where an even pace would be today. */
export function PaceBar({ figures, daysGone, days }: { figures: BudgetFigures; daysGone: number; days: number }) {
  const available = Number(figures.available);
  const spent = Number(figures.spent);
  const filled = available > 0 ? Math.min(100, (spent / available) * 100) : spent > 0 ? 100 : 0;
  const mark = days > 0 ? (daysGone / days) * 100 : 0;
  const over = figures.pace === 'over';
  return (
    <div
      className="bar-track pace-track"
      role="img"
      aria-label={`${Math.round(filled)}% spent, ${Math.round(mark)}% of the month gone`}
      title={over ? 'Spending faster than the month' : 'On pace'}
    >
      <div className={`bar-fill ${over ? 'pace-over' : 'pace-under'}`} style={{ width: `${filled}%` }} />
      {mark > 0 && mark < 100 && <div className="pace-mark" style={{ left: `${mark}%` }} />}
    </div>
  );
}

/** "On pace", or how far ahead of an even pace the spending is. */
export function paceText(figures: BudgetFigures, money: (value: string | number) => string): string {
  if (figures.pace === 'under') return 'On pace';
  return `${money(Number(figures.spent) - Number(figures.pace_spent))} ahead of pace`;
}
