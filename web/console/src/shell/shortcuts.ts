import { useEffect, useRef } from 'react';

/**
 * Single-key shortcuts for the frequent actions (`/` search, `j`/`k` move, `Enter` open, `r`
 * reply, `u` back). Keys typed into a field, or with a modifier, are left alone.
 */
export function useShortcuts(map: Record<string, () => boolean | void>): void {
  const latest = useRef(map);
  useEffect(() => {
    latest.current = map;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      // Enter on a focused link or button is that control's own.
      if (e.key === 'Enter' && target && ['A', 'BUTTON'].includes(target.tagName)) return;
      const action = latest.current[e.key];
      // An action returning false did not apply (e.g. no row chosen): the key keeps its default.
      if (!action || action() === false) return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
