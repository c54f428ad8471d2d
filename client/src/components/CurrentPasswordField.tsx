/** The person's current password, asked again before a change that needs it (deleting the
 * account, a new password, second factors). */
export function CurrentPasswordField({
  value,
  onChange,
  testId,
  label = 'Your password',
}: {
  value: string;
  onChange: (value: string) => void;
  testId: string;
  label?: string;
}) {
  return (
    <label>
      {label}
      <input
        type="password"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="current-password"
        required
        data-testid={testId}
      />
    </label>
  );
}
