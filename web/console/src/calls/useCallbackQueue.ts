import { useEffect, useRef } from 'react';
import { withQuery } from '../api';
import { useResource } from '../admin/useResource';
import { useLiveEvents } from '../realtime/LiveProvider';
import type { CallbackQueue, CallbackStateFilter } from './types';

/** A new request arrives as a new phone ticket; a minute covers due times passing and other agents' outcomes. */
const REFRESH_MS = 60_000;
/** Ticket changes come in bursts on a busy desk: one read of the queue per burst. */
const BURST_MS = 1_500;

/**
 * The callback queue in one state, read again when the agent comes back to the tab, every minute,
 * and shortly after any ticket changes live (each request has its ticket, so a new request or an
 * outcome recorded elsewhere shows up without a click).
 */
export function useCallbackQueue(state: CallbackStateFilter) {
  const queue = useResource<CallbackQueue>(withQuery('/api/v1/callbacks', { state }));
  const { reload } = queue;
  const pending = useRef<number | undefined>(undefined);
  useEffect(() => {
    const onFocus = () => reload();
    window.addEventListener('focus', onFocus);
    const timer = window.setInterval(reload, REFRESH_MS);
    return () => {
      window.removeEventListener('focus', onFocus);
      window.clearInterval(timer);
      window.clearTimeout(pending.current);
    };
  }, [reload]);
  const soon = () => {
    if (pending.current !== undefined) return;
    pending.current = window.setTimeout(() => {
      pending.current = undefined;
      reload();
    }, BURST_MS);
  };
  useLiveEvents({ changed: soon, resync: soon });
  return queue;
}
