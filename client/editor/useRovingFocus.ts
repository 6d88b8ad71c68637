/**
 * Roving tabindex for a toolbar (WAI-ARIA APG): one control is in the Tab order; arrow keys,
 * Home and End move focus among the enabled controls.
 */
import { useCallback, useState, type KeyboardEvent, type RefObject } from 'react';

const KEYS = new Set(['ArrowLeft', 'ArrowRight', 'Home', 'End']);

export function useRovingFocus(container: RefObject<HTMLElement | null>) {
  const [active, setActive] = useState(0);

  const items = useCallback(
    () => [...(container.current?.querySelectorAll<HTMLElement>('[data-roving]') ?? [])],
    [container],
  );

  const onKeyDown = useCallback(
    (event: KeyboardEvent) => {
      if (!KEYS.has(event.key)) return;
      const list = items();
      const current = list.indexOf(document.activeElement as HTMLElement);
      if (current < 0 || list.length === 0) return;
      event.preventDefault();
      const next = event.key === 'Home' ? 0 : event.key === 'End' ? list.length - 1
        : (current + (event.key === 'ArrowRight' ? 1 : -1) + list.length) % list.length;
      setActive(next);
      list[next].focus();
    },
    [items],
  );

  /** Props for the control at `index`. */
  const itemProps = (index: number) => ({
    'data-roving': '',
    tabIndex: index === active ? 0 : -1,
    onFocus: () => setActive(index),
  });

  return { onKeyDown, itemProps };
}
