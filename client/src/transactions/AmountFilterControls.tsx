import { useState } from 'react';
import { fromParams, toParams, type AmountFilter, type AmountParams, type Direction } from './amountFilter';

interface Props {
  value: AmountParams;
  onChange: (params: AmountParams) => void;
}

/** Money out or in, at least and at most so much: applied on Enter or leaving a field. */
export function AmountFilterControls({ value, onChange }: Props) {
  const [filter, setFilter] = useState<AmountFilter>(() => fromParams(value));
  // Follow the URL when it changes from elsewhere (Clear, the back button).
  const shown = `${value.min_amount ?? ''} ${value.max_amount ?? ''}`;
  const [followed, setFollowed] = useState(shown);
  if (shown !== followed) {
    setFollowed(shown);
    setFilter(fromParams(value));
  }

  const apply = (next: AmountFilter) => {
    setFilter(next);
    const params = toParams(next);
    // Only a change: the list goes back to its first page on one.
    if (params.min_amount !== value.min_amount || params.max_amount !== value.max_amount) onChange(params);
  };
  const size = (key: 'atLeast' | 'atMost', label: string) => (
    <label>
      {label}
      <input
        inputMode="decimal"
        placeholder="$"
        value={filter[key]}
        disabled={filter.direction === 'any'}
        onChange={(e) => setFilter({ ...filter, [key]: e.target.value })}
        onBlur={() => apply(filter)}
        onKeyDown={(e) => e.key === 'Enter' && apply(filter)}
        data-testid={`tx-amount-${key === 'atLeast' ? 'min' : 'max'}`}
      />
    </label>
  );

  return (
    <>
      <label>
        Amount
        <select
          value={filter.direction}
          onChange={(e) => apply({ ...filter, direction: e.target.value as Direction })}
          data-testid="tx-amount-direction"
        >
          <option value="any">Any amount</option>
          <option value="out">Money out</option>
          <option value="in">Money in</option>
        </select>
      </label>
      {size('atLeast', 'At least')}
      {size('atMost', 'At most')}
    </>
  );
}
