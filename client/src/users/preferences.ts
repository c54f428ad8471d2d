import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Preferences, PreferencesUpdate } from '../api/types';
import { setDisplay } from '../lib/format';
import { applyTheme } from '../lib/theme';

export const preferenceKeys = { of: (userId: number) => ['preferences', userId] as const };

// The person's settings as last known on this browser: the pages format money and times
// with them from the start, before the server answers (and the theme shows at once).
const REMEMBERED = 'pattern.preferences';

interface Remembered extends Preferences {
  user_id: number;
}

/** Those remembered for this person (another's, on a shared browser, are not theirs). */
function remembered(userId: number): Preferences | undefined {
  try {
    const stored = localStorage.getItem(REMEMBERED);
    const found = stored ? (JSON.parse(stored) as Remembered) : undefined;
    if (found?.user_id !== userId) return undefined;
    return { theme: found.theme, time_zone: found.time_zone, currency: found.currency };
  } catch {
    return undefined;
  }
}

/** Shows the settings: the theme at once, money and times from the next render on. */
export function applyPreferences(userId: number, preferences: Preferences): void {
  applyTheme(preferences.theme);
  setDisplay(preferences.currency, preferences.time_zone);
  try {
    localStorage.setItem(REMEMBERED, JSON.stringify({ ...preferences, user_id: userId }));
  } catch {
    // storage refused: the server's answer applies them on each start
  }
}

/** The browser's own time zone (the default shown when the person has not chosen one). */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function usePreferences(userId: number) {
  return useQuery({
    queryKey: preferenceKeys.of(userId),
    queryFn: async ({ signal }: { signal: AbortSignal }): Promise<Preferences> => {
      const found = await api<Preferences>(`/users/${userId}/preferences`);
      // Not when dropped for a choice made meanwhile: this answer is older than it.
      if (!signal.aborted) applyPreferences(userId, found);
      return found;
    },
    placeholderData: () => remembered(userId),
    staleTime: Infinity,
  });
}

export function useUpdatePreferences(userId: number) {
  const queryClient = useQueryClient();
  const show = (preferences: Preferences) => {
    applyPreferences(userId, preferences);
    queryClient.setQueryData(preferenceKeys.of(userId), preferences);
  };
  return useMutation({
    mutationFn: (body: PreferencesUpdate) =>
      api<Preferences>(`/users/${userId}/preferences`, { method: 'PATCH', body }),
    // Shown at once, as chosen; put back if the server refuses it. A first read still in
    // flight is dropped (its answer would undo the choice), and until it has answered the
    // form shows what this browser remembered: the choice starts from that.
    onMutate: async (body: PreferencesUpdate) => {
      await queryClient.cancelQueries({ queryKey: preferenceKeys.of(userId) });
      const before = queryClient.getQueryData<Preferences>(preferenceKeys.of(userId)) ?? remembered(userId);
      if (before) show({ ...before, ...body } as Preferences);
      return { before };
    },
    onError: (_error, _body, context) => {
      if (context?.before) show(context.before);
    },
    onSuccess: (saved) => show(saved),
  });
}
