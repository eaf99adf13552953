import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../api';
import { useLiveEvents, useLiveSocket } from '../realtime/LiveProvider';
import type { ChatQueue } from '../types';

const liveFrames = new Set(['chat.updated', 'queue.chat', 'agent.presence']);

/**
 * The chat queue as the server answers it for the caller (my teams' waiting chats and mine;
 * supervisors every queue, every agent's load and every chat being answered), kept current
 * from `queue.watch` frames. A frame only says something moved: the queue is read again
 * (batched), so what is shown is always what the API and its permissions answer.
 */
export function useChatQueue(): { queue: ChatQueue | null; error: ApiError | null; fetchedAt: number; reload(): void } {
  const [queue, setQueue] = useState<ChatQueue | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [fetchedAt, setFetchedAt] = useState(() => Date.now());
  const latest = useRef(0);
  const timer = useRef<number | undefined>(undefined);
  const { status, request } = useLiveSocket();

  const reload = useCallback(() => {
    const run = ++latest.current;
    api<ChatQueue>('GET', '/api/v1/chat-queue')
      .then((q) => {
        if (run !== latest.current) return;
        setQueue(q);
        setFetchedAt(Date.now());
        setError(null);
      })
      .catch((err: unknown) => run === latest.current && setError(err instanceof ApiError ? err : new ApiError(0, 'network', String(err))));
  }, []);
  const soon = useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(reload, 150);
  }, [reload]);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  useEffect(() => reload(), [reload]);
  // Watch once live, and again after every reconnection (then read the queue: frames were missed).
  useEffect(() => {
    if (status !== 'live') return;
    request({ type: 'queue.watch' }).then(soon, () => undefined);
  }, [status, request, soon]);
  useLiveEvents({ changed: () => undefined, resync: soon, frame: (f) => liveFrames.has(f.type) && soon() });

  return { queue, error, fetchedAt, reload };
}
