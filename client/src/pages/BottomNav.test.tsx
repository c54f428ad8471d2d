import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../test/render';
import { BottomNav } from './BottomNav';
import { navItems } from './navLinks';

describe('the bottom nav', () => {
  it('links the first pages with icons and names, the rest behind "More"', async () => {
    const { location } = renderApp(<BottomNav items={navItems(true)} />, { route: '/' });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Home' })).toHaveClass('active');
    expect(within(nav).queryByRole('link', { name: 'Settings' })).toBeNull();

    const user = userEvent.setup();
    const more = within(nav).getByRole('button', { name: 'More' });
    await user.click(more);
    expect(more).toHaveAttribute('aria-expanded', 'true');
    expect(within(nav).getByRole('link', { name: 'Trends' })).toHaveFocus();
    const admin = within(nav).getByRole('link', { name: 'Admin' });
    await user.click(admin);
    expect(location().pathname).toBe('/admin');
    // The page chosen closes the panel, and "More" says the page is under it.
    expect(within(nav).queryByRole('link', { name: 'Admin' })).toBeNull();
    expect(more).toHaveClass('active');
  });

  it('closes "More" with Escape, focus back on its button', async () => {
    renderApp(<BottomNav items={navItems(false)} />, { route: '/' });
    const user = userEvent.setup();
    const more = screen.getByRole('button', { name: 'More' });
    await user.click(more);
    await user.keyboard('{Escape}');
    expect(more).toHaveAttribute('aria-expanded', 'false');
    expect(more).toHaveFocus();
  });
});
