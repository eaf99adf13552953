import { useSyncExternalStore } from 'react';

/**
 * A router of a few lines: the console has a handful of screens under /console, so the
 * History API and one subscription are enough (no router dependency in the bundle).
 */
export const BASE = '/console';
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());
window.addEventListener('popstate', notify);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const snapshot = () => window.location.pathname + window.location.search;

/** The current path below /console (e.g. `/inbox`) and its query string. */
export function useLocation(): { path: string; query: URLSearchParams } {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, window.location.origin);
  const path = url.pathname.startsWith(BASE) ? url.pathname.slice(BASE.length) || '/' : url.pathname;
  return { path, query: url.searchParams };
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const target = BASE + to;
  if (target === snapshot()) return;
  if (opts.replace) window.history.replaceState(null, '', target);
  else window.history.pushState(null, '', target);
  notify();
}
