import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../api';
import type { TicketDetail, TicketMessage, TimelineEvent } from '../types';

export interface TicketData {
  ticket: TicketDetail | null;
  messages: TicketMessage[];
  events: TimelineEvent[];
  error: ApiError | null;
  reload(): Promise<void>;
}

/** A ticket with its messages (internal notes included) and its change history. */
export function useTicket(number: string): TicketData {
  const [ticket, setTicket] = useState<TicketDetail | null>(null);
  const [messages, setMessages] = useState<TicketMessage[]>([]);
  const [events, setEvents] = useState<TimelineEvent[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const run = ++latest.current;
    const base = `/api/v1/tickets/${encodeURIComponent(number)}`;
    try {
      const [t, m, e] = await Promise.all([
        api<TicketDetail>('GET', base),
        api<{ items: TicketMessage[] }>('GET', `${base}/messages?limit=200`),
        api<{ items: TimelineEvent[] }>('GET', `${base}/timeline`),
      ]);
      // An older answer must not overwrite a newer one.
      if (run !== latest.current) return;
      setTicket(t);
      setMessages(m.items);
      setEvents(e.items);
      setError(null);
    } catch (err) {
      if (run === latest.current) setError(err instanceof ApiError ? err : new ApiError(0, 'network', String(err)));
    }
  }, [number]);

  useEffect(() => {
    setTicket(null);
    void reload();
  }, [reload]);

  return { ticket, messages, events, error, reload };
}
