import { afterEach, describe, expect, it, vi } from 'vitest';
import { THEME_KEY, applyTheme, rememberedTheme, resolveTheme } from './theme';

function systemDark(dark: boolean) {
  const listeners: (() => void)[] = [];
  const media = {
    matches: dark,
    addEventListener: (_: string, listener: () => void) => listeners.push(listener),
  };
  vi.stubGlobal('matchMedia', () => media);
  return {
    change(next: boolean) {
      media.matches = next;
      listeners.forEach((listener) => listener());
    },
  };
}

afterEach(() => localStorage.clear());

describe('the theme', () => {
  it('is the choice, or the system scheme for "system"', () => {
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
  });

  it('is shown at once and remembered for the next start (what public/theme.js reads)', () => {
    systemDark(false);
    applyTheme('dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(localStorage.getItem(THEME_KEY)).toBe('dark');
    expect(rememberedTheme()).toBe('dark');

    applyTheme('light');
    expect(document.documentElement.dataset.theme).toBe('light');
    applyTheme('system');
    expect(localStorage.getItem(THEME_KEY)).toBeNull();
    expect(rememberedTheme()).toBe('system');
  });
});
