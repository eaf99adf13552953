import { useEffect, useState } from 'react';
import { api } from '../api';

export interface Canned {
  id: string;
  shortcode: string;
  title: string;
}

/** Canned responses the agent may use (shared and their own), and filling one in for a ticket on the server. */
export function useCanned(): { items: Canned[]; render(id: string, ticket: string): Promise<{ text: string; missing: string[] }> } {
  const [items, setItems] = useState<Canned[]>([]);
  useEffect(() => {
    const ctl = new AbortController();
    api<{ items: Canned[] }>('GET', '/api/v1/canned-responses?limit=200', undefined, ctl.signal).then((r) => setItems(r.items), () => undefined);
    return () => ctl.abort();
  }, []);
  const render = (id: string, ticket: string) => api<{ text: string; missing: string[] }>('POST', `/api/v1/canned-responses/${id}/render`, { ticket });
  return { items, render };
}
