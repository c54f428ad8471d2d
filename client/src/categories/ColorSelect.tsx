import { COLORS, colorName } from './colors';

interface Props {
  value: string | null;
  onChange: (color: string | null) => void;
  label: string;
  testId?: string;
}

/** A colour from the named ones, or none. */
export function ColorSelect({ value, onChange, label, testId }: Props) {
  const known = !value || COLORS.some(([code]) => code.toLowerCase() === value.toLowerCase());
  return (
    <label>
      {label}
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value || null)} data-testid={testId}>
        <option value="">No colour</option>
        {!known && value && <option value={value}>{colorName(value)}</option>}
        {COLORS.map(([code, name]) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
