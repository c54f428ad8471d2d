import { useCallback, useRef, useState, type KeyboardEvent } from 'react';
import { NavLink, useLocation } from 'react-router-dom';
import { usePopup } from '../components/usePopup';
import { NavIcon } from './navIcons';
import { splitForBottomBar, type NavItem } from './navLinks';

/** On a phone (≤ 640 px wide, styles.css) the pages are in a bar at the bottom, each an
 * icon over its name; those that do not fit are under "More". */
export function BottomNav({ items }: { items: NavItem[] }) {
  const { pathname } = useLocation();
  const { shown, more } = splitForBottomBar(items);
  // Open on the page it was opened on: choosing a page closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const setOpen = (next: boolean) => setOpenOn(next ? pathname : null);
  const container = useRef<HTMLLIElement>(null);
  const panel = useRef<HTMLUListElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => setOpenOn(null), []);
  usePopup(open, close, container, panel, 'a');
  const inMore = more.some((item) => item.to === pathname);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !open) return;
    event.stopPropagation();
    setOpen(false);
    button.current?.focus();
  };

  return (
    <nav className="bottom-nav" aria-label="Main" data-testid="bottom-nav">
      <ul>
        {shown.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.key === 'home'} data-testid={`bottom-nav-${item.key}`}>
              <NavIcon name={item.key} />
              <span>{item.label}</span>
            </NavLink>
          </li>
        ))}
        {more.length > 0 && (
          <li ref={container} onKeyDown={onKeyDown}>
            <button
              ref={button}
              type="button"
              className={inMore ? 'active' : undefined}
              aria-expanded={open}
              aria-controls="bottom-nav-more"
              data-testid="bottom-nav-more"
              onClick={() => setOpen(!open)}
            >
              <NavIcon name="more" />
              <span>More</span>
            </button>
            {open && (
              <ul className="bottom-nav-more" id="bottom-nav-more" ref={panel}>
                {more.map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to} data-testid={`bottom-nav-${item.key}`}>
                      <NavIcon name={item.key} />
                      <span>{item.label}</span>
                    </NavLink>
                  </li>
                ))}
              </ul>
            )}
          </li>
        )}
      </ul>
    </nav>
  );
}
