import { useState } from 'react';
import { Card } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import type { Preferences, Theme } from '../api/types';
import { browserTimeZone, usePreferences, useUpdatePreferences } from './preferences';

const THEMES: [Theme, string][] = [
  ['system', 'As the system'],
  ['light', 'Light'],
  ['dark', 'Dark'],
];
// Codes Intl knows that ISO 4217 no longer lists (the server refuses them).
const RETIRED = new Set(['CUC', 'HRK', 'SLL', 'XDR', 'XSU', 'ZWL']);

function supported(kind: 'currency' | 'timeZone'): string[] {
  try {
    return Intl.supportedValuesOf(kind);
  } catch {
    return [];
  }
}

function Form({ userId, preferences }: { userId: number; preferences: Preferences }) {
  const save = useUpdatePreferences(userId);
  // The choice checked at once, in the click itself (the save shows it a moment later);
  // the saved one again when that changes (a refusal puts the old one back).
  const [theme, setTheme] = useState(preferences.theme);
  const [savedTheme, setSavedTheme] = useState(preferences.theme);
  if (savedTheme !== preferences.theme) {
    setSavedTheme(preferences.theme);
    setTheme(preferences.theme);
  }
  const browserZone = browserTimeZone();
  const zones = supported('timeZone');
  const currencies = supported('currency').filter((code) => !RETIRED.has(code));
  return (
    <div className="stack account-form">
      <fieldset>
        <legend>Theme</legend>
        <div className="row wrap">
          {THEMES.map(([value, label]) => (
            <label key={value} className="checkbox">
              <input
                type="radio"
                name="theme"
                value={value}
                checked={theme === value}
                disabled={save.isPending}
                onChange={() => {
                  setTheme(value);
                  save.mutate({ theme: value });
                }}
                data-testid={`theme-${value}`}
              />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      <label>
        Time zone
        <select
          value={preferences.time_zone ?? ''}
          disabled={save.isPending}
          onChange={(e) => save.mutate({ time_zone: e.target.value || null })}
          data-testid="time-zone"
        >
          <option value="">This device&rsquo;s ({browserZone})</option>
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll('_', ' ')}
            </option>
          ))}
        </select>
      </label>
      <label>
        Currency
        <select
          value={preferences.currency ?? ''}
          disabled={save.isPending}
          onChange={(e) => save.mutate({ currency: e.target.value || null })}
          data-testid="currency"
        >
          <option value="">Your accounts&rsquo; (US dollars when unknown)</option>
          {currencies.map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </select>
      </label>
      <p className="muted small">
        The time zone decides what &ldquo;today&rdquo; and &ldquo;this month&rdquo; are for you; the currency is the one
        amounts without their own are shown in.
      </p>
      <ErrorText error={save.error} testId="preferences-error" />
    </div>
  );
}

/** The person's theme, time zone and currency: each saved and shown as soon as chosen. */
export function PreferencesCard({ userId }: { userId: number }) {
  const preferences = usePreferences(userId);
  return (
    <Card title="Display">
      <ErrorText error={preferences.error} />
      {preferences.data && <Form userId={userId} preferences={preferences.data} />}
    </Card>
  );
}
