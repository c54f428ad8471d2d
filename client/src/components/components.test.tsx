import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { Dialog } from './Dialog';
import { Menu } from './Menu';
import { ToastProvider, useToast } from './toasts';

function Opener() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      {open && (
        <Dialog title="Edit things" onClose={() => setOpen(false)}>
          <label>
            Name
            <input />
          </label>
          <button type="button">Save</button>
        </Dialog>
      )}
    </>
  );
}

describe('Dialog', () => {
  it('is named by its title, takes focus, keeps Tab inside, and Escape gives focus back', async () => {
    const user = userEvent.setup();
    render(<Opener />);
    await user.click(screen.getByRole('button', { name: 'Open' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit things' });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(dialog).toHaveFocus();

    await user.tab();
    expect(screen.getByRole('button', { name: 'Close' })).toHaveFocus();
    await user.tab();
    expect(screen.getByLabelText('Name')).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Save' })).toHaveFocus();
    await user.tab(); // wraps around
    expect(screen.getByRole('button', { name: 'Close' })).toHaveFocus();
    await user.tab({ shift: true });
    expect(screen.getByRole('button', { name: 'Save' })).toHaveFocus();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Open' })).toHaveFocus();
  });
});

describe('Menu', () => {
  it('opens on its button, focuses the first action, and closes on Escape', async () => {
    const user = userEvent.setup();
    render(
      <Menu label="Actions for Bank">
        {(close) => (
          <>
            <button type="button" role="menuitem" onClick={close}>
              Sync now
            </button>
            <button type="button" role="menuitem" onClick={close}>
              Remove
            </button>
          </>
        )}
      </Menu>,
    );
    const button = screen.getByRole('button', { name: 'Actions for Bank' });
    await user.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('menuitem', { name: 'Sync now' })).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('menuitem', { name: 'Remove' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(button).toHaveFocus();
  });
});

describe('toasts', () => {
  it('show the same message once while it is on screen', async () => {
    function Twice() {
      const toast = useToast();
      return (
        <button
          type="button"
          onClick={() => {
            toast('Bank needs you to log in again.', 'error');
            toast('Bank needs you to log in again.', 'error');
            toast('Other news.');
          }}
        >
          Go
        </button>
      );
    }
    const user = userEvent.setup();
    render(
      <ToastProvider>
        <Twice />
      </ToastProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Go' }));
    expect(screen.getAllByTestId('toast').map((t) => t.textContent)).toEqual([
      'Bank needs you to log in again.×',
      'Other news.×',
    ]);
  });
});
