import { useNow } from '../inbox/time';
import type { LiveChat } from '../types';

/** Seconds as m:ss (h:mm:ss past an hour): the clock format every language reads the same. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * A waiting chat's wait now: the server's count when the queue was read plus the time since,
 * so the browser's clock being off does not matter. Ticks every second.
 */
export function useWaits(fetchedAt: number): (chat: LiveChat) => number {
  const now = useNow(1000);
  const elapsed = Math.max(0, (now - fetchedAt) / 1000);
  return (chat) => (chat.waitSeconds ?? 0) + elapsed;
}
