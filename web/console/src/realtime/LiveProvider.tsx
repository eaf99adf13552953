import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { LiveFeed, type Frame, type LiveStatus } from './liveFeed';

type Listener = { changed(ticketId: string): void; resync(): void; frame?(frame: Frame): void };

interface Live {
  status: LiveStatus;
  listeners: Set<Listener>;
  feed: LiveFeed;
}

const LiveContext = createContext<Live | null>(null);

/** One live connection per signed-in console; screens subscribe to what it hears. */
export function LiveProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [listeners] = useState(() => new Set<Listener>());
  const [feed] = useState(
    () =>
      new LiveFeed({
        status: setStatus,
        changed: (id) => listeners.forEach((l) => l.changed(id)),
        resync: () => listeners.forEach((l) => l.resync()),
        frame: (f) => listeners.forEach((l) => l.frame?.(f)),
      }),
  );
  useEffect(() => {
    feed.start();
    return () => feed.stop();
  }, [feed]);
  return <LiveContext.Provider value={{ status, listeners, feed }}>{children}</LiveContext.Provider>;
}

/** Calls the latest handlers for live changes, without resubscribing on every render. */
export function useLiveEvents(handlers: Listener): void {
  const ctx = useContext(LiveContext);
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    if (!ctx) return;
    const l: Listener = { changed: (id) => latest.current.changed(id), resync: () => latest.current.resync(), frame: (f) => latest.current.frame?.(f) };
    ctx.listeners.add(l);
    return () => {
      ctx.listeners.delete(l);
    };
  }, [ctx]);
}

/** The socket itself, for screens that send frames (chat), and whether it is live now. */
export function useLiveSocket(): { status: LiveStatus; request: LiveFeed['request']; notify: LiveFeed['notify'] } {
  const ctx = useContext(LiveContext);
  if (!ctx) throw new Error('useLiveSocket outside LiveProvider');
  return useSocketOf(ctx.feed, ctx.status);
}

function useSocketOf(feed: LiveFeed, status: LiveStatus) {
  return useMemo(() => ({ status, request: (frame: Frame) => feed.request(frame), notify: (frame: Frame) => feed.notify(frame) }), [feed, status]);
}

/** Shown while the live connection is down; the inbox resyncs by itself when it returns. */
export function ConnectionBanner() {
  const ctx = useContext(LiveContext);
  const { t } = useI18n();
  if (ctx?.status !== 'lost') return null;
  return (
    <div className="banner banner-warning" role="alert">
      {t('live.lost')}
    </div>
  );
}
