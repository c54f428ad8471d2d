import { useEffect, type RefObject } from 'react';

/**
 * While a popup (a menu, a panel) is open: the first of its controls matching `first`
 * takes focus, and a mouse press outside `container` (the popup and its button) closes it.
 */
export function usePopup(
  open: boolean,
  close: () => void,
  container: RefObject<HTMLElement | null>,
  popup: RefObject<HTMLElement | null>,
  first: string,
) {
  useEffect(() => {
    if (!open) return;
    popup.current?.querySelector<HTMLElement>(first)?.focus();
    const onPress = (event: MouseEvent) => {
      if (container.current && !container.current.contains(event.target as Node)) close();
    };
    document.addEventListener('mousedown', onPress);
    return () => document.removeEventListener('mousedown', onPress);
  }, [open, close, container, popup, first]);
}
