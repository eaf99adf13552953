import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, isAbort, withQuery } from '../api';
import type { InboxPage, InboxTicket, InboxViews } from '../types';
import { firstPageUrl, PAGE_SIZE, takePrefetched } from './prefetch';
import { compareTickets, filterParams, type InboxQuery } from './query';

export interface InboxData {
  rows: InboxTicket[];
  hasMore: boolean;
  loading: boolean;
  error: ApiError | null;
  views: InboxViews | null;
  loadMore(): void;
  /** Tickets the live feed says changed: read again under the current filters. */
  refreshTickets(ids: string[]): void;
  /** Everything again (after a reconnect: events may have been missed). */
  resync(): void;
}

const toError = (err: unknown) => (err instanceof ApiError ? err : new ApiError(0, 'network', String(err)));

/** One inbox list: first page, more pages on demand, live row refreshes and view counts. */
export function useInbox(query: InboxQuery): InboxData {
  const [rows, setRows] = useState<InboxTicket[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [views, setViews] = useState<InboxViews | null>(null);
  const [generation, setGeneration] = useState(0);
  const inFlight = useRef<AbortController | null>(null);

  const listParams = { ...filterParams(query), view: query.view, sort: query.sort };
  const listKey = JSON.stringify(listParams);
  const filterKey = JSON.stringify(filterParams(query));

  // First page whenever the list changes (or a resync asks for it).
  useEffect(() => {
    const ctl = new AbortController();
    inFlight.current?.abort();
    inFlight.current = ctl;
    setLoading(true);
    setError(null);
    const url = firstPageUrl(JSON.parse(listKey) as Record<string, string>);
    (takePrefetched(url, ctl.signal) ?? api<InboxPage>('GET', url, undefined, ctl.signal))
      .then((page) => {
        if (ctl.signal.aborted) return;
        setRows(page.items);
        setCursor(page.nextCursor);
        setLoading(false);
      })
      .catch((err: unknown) => {
        if (isAbort(err)) return;
        setError(toError(err));
        setRows([]);
        setCursor(null);
        setLoading(false);
      });
    return () => ctl.abort();
  }, [listKey, generation]);

  const loadCounts = useCallback(() => {
    api<InboxViews>('GET', withQuery('/api/v1/inbox/views', JSON.parse(filterKey) as Record<string, string>))
      .then(setViews)
      .catch(() => undefined);
  }, [filterKey]);
  // The counts (every view over the whole desk) are asked for once the first page is in: asked
  // beside it, their heavier queries held up the rows the agent is waiting for on a busy server.
  const countedFor = useRef('');
  useEffect(() => {
    const key = `${filterKey}|${generation}`;
    if (loading || countedFor.current === key) return;
    countedFor.current = key;
    loadCounts();
  }, [loadCounts, filterKey, generation, loading]);

  const loadMore = useCallback(() => {
    if (!cursor || loading) return;
    const ctl = new AbortController();
    inFlight.current = ctl;
    setLoading(true);
    api<InboxPage>('GET', withQuery('/api/v1/inbox', { ...(JSON.parse(listKey) as Record<string, string>), limit: PAGE_SIZE, cursor }), undefined, ctl.signal)
      .then((page) => {
        setRows((prev) => {
          const seen = new Set(prev.map((r) => r.id));
          return prev.concat(page.items.filter((r) => !seen.has(r.id)));
        });
        setCursor(page.nextCursor);
        setLoading(false);
      })
      .catch((err: unknown) => {
        if (isAbort(err)) return;
        setError(toError(err));
        setLoading(false);
      });
  }, [cursor, loading, listKey]);

  // Live changes arrive in bursts (a reply changes the ticket and adds a message): batch them.
  const pending = useRef(new Set<string>());
  const timer = useRef<number | undefined>(undefined);
  const hasMore = cursor !== null;
  const sort = query.sort;
  const flush = useCallback(() => {
    const ids = [...pending.current].slice(0, 50);
    ids.forEach((id) => pending.current.delete(id));
    if (pending.current.size) timer.current = window.setTimeout(flush, 0);
    if (!ids.length) return;
    api<InboxPage>('GET', withQuery('/api/v1/inbox', { ...(JSON.parse(listKey) as Record<string, string>), ids: ids.join(','), limit: 50 }))
      .then((page) => {
        const fresh = new Map(page.items.map((r) => [r.id, r]));
        setRows((prev) => {
          const kept = prev.filter((r) => !ids.includes(r.id));
          const last = prev[prev.length - 1];
          // A ticket beyond the loaded range arrives with its page; inside it, it goes where the server would put it.
          const added = [...fresh.values()].filter((r) => !hasMore || !last || compareTickets(sort, r, last) <= 0);
          return kept.concat(added).sort((a, b) => compareTickets(sort, a, b));
        });
      })
      .catch(() => undefined);
    loadCounts();
  }, [listKey, hasMore, sort, loadCounts]);

  const refreshTickets = useCallback((ids: string[]) => {
    ids.forEach((id) => pending.current.add(id));
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(flush, 150);
  }, [flush]);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const resync = useCallback(() => setGeneration((g) => g + 1), []);

  return { rows, hasMore, loading, error, views, loadMore, refreshTickets, resync };
}
