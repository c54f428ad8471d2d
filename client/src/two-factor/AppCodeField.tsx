/** The 6-digit code an authenticator app shows, asked to confirm the app or before turning
 * it off (the log-in's second step asks in its own words: a recovery code is typed there
 * too). Numeric keypad on a phone; the browser may fill it from the app. */
export function AppCodeField({
  value,
  onChange,
  testId,
}: {
  value: string;
  onChange: (value: string) => void;
  testId: string;
}) {
  return (
    <label>
      Code from the app
      <input
        value={value}
        onChange={(e) => onChange(e.target.value)}
        inputMode="numeric"
        autoComplete="one-time-code"
        required
        data-testid={testId}
      />
    </label>
  );
}
