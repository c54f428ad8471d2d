import type { Theme } from '../api/types';

/** The key public/theme.js reads before the page is drawn: keep the two in step. */
export const THEME_KEY = 'pattern.theme';
const DARK = '(prefers-color-scheme: dark)';

/** The scheme shown: the person's choice, or the system's for "system". */
export function resolveTheme(choice: Theme, systemDark: boolean): 'light' | 'dark' {
  if (choice === 'system') return systemDark ? 'dark' : 'light';
  return choice;
}

export function rememberedTheme(): Theme {
  try {
    const stored = localStorage.getItem(THEME_KEY);
    return stored === 'light' || stored === 'dark' ? stored : 'system';
  } catch {
    return 'system';
  }
}

let following: MediaQueryList | null = null;
let chosen: Theme = 'system';

function show(): void {
  const dark = window.matchMedia?.(DARK).matches ?? false;
  document.documentElement.dataset.theme = resolveTheme(chosen, dark);
}

/** Shows `choice` at once and remembers it on this browser (for the next start, before
 * the server answers); "system" follows the system's changes. */
export function applyTheme(choice: Theme): void {
  chosen = choice;
  try {
    if (choice === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, choice);
  } catch {
    // storage refused: shown now, the system's on the next start until the server answers
  }
  if (!following && window.matchMedia) {
    following = window.matchMedia(DARK);
    following.addEventListener('change', show);
  }
  show();
}
