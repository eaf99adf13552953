import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, isAbort, withQuery } from '../api';

/** Every page of a cursor-paged list (agents, teams: a desk has dozens, not thousands). */
export async function allPages<T>(path: string, signal?: AbortSignal): Promise<{ items: T[] }> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: T[]; nextCursor: string | null } = await api('GET', cursor ? `${path}${path.includes('?') ? '&' : '?'}${withQuery('', { cursor }).slice(1)}` : path, undefined, signal);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return { items };
}

/** A GET the screen shows, with loading and error states and a reload after each change. */
export function useResource<T>(path: string | null, load: (path: string, signal: AbortSignal) => Promise<T> = (p, signal) => api<T>('GET', p, undefined, signal)): { data: T | null; error: ApiError | null; loading: boolean; reload(): void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [tick, setTick] = useState(0);
  const current = useRef<string | null>(null);
  useEffect(() => {
    if (!path) return;
    const ctl = new AbortController();
    // A new path shows loading; a reload of the same one keeps the old data until the answer.
    if (current.current !== path) setData(null);
    current.current = path;
    setError(null);
    load(path, ctl.signal).then(setData, (err: unknown) => {
      if (!isAbort(err)) setError(err instanceof ApiError ? err : new ApiError(0, 'network', String(err)));
    });
    return () => ctl.abort();
    // `load` is a module-level function at every call site.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading: !data && !error, reload };
}
