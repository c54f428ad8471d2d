import { useCallback, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { usePopup } from './usePopup';

interface MenuProps {
  label: string;
  testId?: string;
  children: (close: () => void) => ReactNode;
}

/**
 * A small drop-down: a button and a list of actions. The first action takes focus; arrow keys
 * move between them; Escape or a click elsewhere closes it.
 */
export function Menu({ label, testId, children }: MenuProps) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLDivElement>(null);

  const close = useCallback(() => setOpen(false), []);
  usePopup(open, close, ref, list, '[role="menuitem"]:not([disabled])');

  const onKeyDown = (event: KeyboardEvent) => {
    if (!open) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
      button.current?.focus();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const items = [...(list.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const next = event.key === 'ArrowDown' ? (at + 1) % items.length : (at - 1 + items.length) % items.length;
    items[next]?.focus();
  };

  return (
    <div className="menu" ref={ref} onKeyDown={onKeyDown}>
      <button
        ref={button}
        type="button"
        className="button-secondary menu-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={label}
        data-testid={testId}
        onClick={() => setOpen((o) => !o)}
      >
        ⋯
      </button>
      {open && (
        <div className="menu-list" role="menu" ref={list}>
          {children(() => setOpen(false))}
        </div>
      )}
    </div>
  );
}
