import { describe, expect, it } from 'vitest';
import { BOTTOM_BAR_PLACES, navItems, splitForBottomBar } from './navLinks';

describe("the phone's bottom bar", () => {
  it('shows the first pages and puts the rest under "More"', () => {
    const { shown, more } = splitForBottomBar(navItems(false));
    expect(shown.map((item) => item.label)).toEqual(['Home', 'Budget', 'Transactions', 'Accounts']);
    expect(more.map((item) => item.label)).toEqual(['Trends', 'Cash flow', 'Recurring', 'Categories', 'Settings']);
  });

  it('keeps Admin reachable for an administrator, under "More"', () => {
    const { shown, more } = splitForBottomBar(navItems(true));
    expect(shown).toHaveLength(BOTTOM_BAR_PLACES - 1);
    expect(more.at(-1)?.label).toBe('Admin');
  });

  it('needs no "More" when every page fits', () => {
    const few = navItems(false).slice(0, BOTTOM_BAR_PLACES);
    expect(splitForBottomBar(few)).toEqual({ shown: few, more: [] });
  });
});
