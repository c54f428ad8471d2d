import { useEffect, useRef, useState, type ReactNode } from 'react';

interface MenuProps {
  label: string;
  testId?: string;
  children: (close: () => void) => ReactNode;
}

/** A small drop-down: a button and a list of actions, closed by a click elsewhere. */
export function Menu({ label, testId, children }: MenuProps) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onClick = (event: MouseEvent) => {
      if (ref.current && !ref.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onClick);
    return () => document.removeEventListener('mousedown', onClick);
  }, [open]);

  return (
    <div className="menu" ref={ref}>
      <button
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
        <div className="menu-list" role="menu">
          {children(() => setOpen(false))}
        </div>
      )}
    </div>
  );
}
