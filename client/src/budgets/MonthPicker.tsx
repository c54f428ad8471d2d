/** Months before and after the one shown; `current` is the budget month today is in. */
export function MonthPicker({
  month,
  current,
  onChange,
}: {
  month: string;
  current: string;
  onChange: (month: string) => void;
}) {
  const step = (by: number) => {
    const [year, number] = month.split('-').map(Number);
    const index = year * 12 + number - 1 + by;
    onChange(`${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`);
  };
  return (
    <div className="row" aria-label="Budget month">
      <button type="button" className="button-secondary" aria-label="Previous month" onClick={() => step(-1)}>
        ‹
      </button>
      <input
        type="month"
        aria-label="Month"
        data-testid="budget-month"
        value={month}
        onChange={(e) => e.target.value && onChange(e.target.value)}
      />
      <button type="button" className="button-secondary" aria-label="Next month" onClick={() => step(1)}>
        ›
      </button>
      {month !== current && (
        <button type="button" className="link-button" onClick={() => onChange('current')}>
          This month
        </button>
      )}
    </div>
  );
}
