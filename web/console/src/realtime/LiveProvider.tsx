import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { LiveFeed, type LiveStatus } from './liveFeed';

type Listener = { changed(ticketId: string): void; resync(): void };

const LiveContext = createContext<{ status: LiveStatus; listeners: Set<Listener> } | null>(null);

/** One live connection per signed-in console; screens subscribe to what it hears. */
export function LiveProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [listeners] = useState(() => new Set<Listener>());
  useEffect(() => {
    const feed = new LiveFeed({
      status: setStatus,
      changed: (id) => listeners.forEach((l) => l.changed(id)),
      resync: () => listeners.forEach((l) => l.resync()),
    });
    feed.start();
    return () => feed.stop();
  }, [listeners]);
  return <LiveContext.Provider value={{ status, listeners }}>{children}</LiveContext.Provider>;
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
    const l: Listener = { changed: (id) => latest.current.changed(id), resync: () => latest.current.resync() };
    ctx.listeners.add(l);
    return () => {
      ctx.listeners.delete(l);
    };
  }, [ctx]);
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
