import type { Direction, Parsed } from './amount';

interface Props {
  text: string;
  direction: Direction;
  parsed: Parsed;
  onText: (text: string) => void;
  onDirection: (direction: Direction) => void;
  autoFocus?: boolean;
}

/** How much, and whether it went out or came in: the amount as the lists show it. */
export function AmountFields({ text, direction, parsed, onText, onDirection, autoFocus }: Props) {
  return (
    <>
      <div className="grid-2 tight">
        <label>
          Amount
          <input
            value={text}
            onChange={(e) => onText(e.target.value)}
            inputMode="decimal"
            required
            autoFocus={autoFocus}
            aria-invalid={!parsed.ok}
            aria-describedby={parsed.ok ? undefined : 'manual-amount-help'}
            data-testid="manual-tx-amount"
          />
        </label>
        <label>
          Money
          <select
            value={direction}
            onChange={(e) => onDirection(e.target.value as Direction)}
            data-testid="manual-tx-direction"
          >
            <option value="out">out (spent, paid)</option>
            <option value="in">in (received, refunded)</option>
          </select>
        </label>
      </div>
      {!parsed.ok && (
        <p id="manual-amount-help" className="error small">
          {parsed.problem}
        </p>
      )}
    </>
  );
}
