import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { api } from '../api';

/** Admin screens the server says this agent may open (GET /api/v1/console/areas). */
export interface Areas {
  agents: boolean;
  teams: boolean;
  replies: boolean;
  sharedReplies: boolean;
  helpCenter: boolean;
  publishArticles: boolean;
  contentGaps: boolean;
  bot: boolean;
  widget: boolean;
  /** The callback queue: a work screen of its own, not an admin one. */
  callbacks: boolean;
}

const AreasContext = createContext<Areas | null>(null);

export function AreasProvider({ children }: { children: ReactNode }) {
  const [areas, setAreas] = useState<Areas | null>(null);
  useEffect(() => {
    const ctl = new AbortController();
    // Without an answer no admin link shows: the console never guesses a permission.
    api<{ areas: Areas }>('GET', '/api/v1/console/areas', undefined, ctl.signal).then((r) => setAreas(r.areas), () => undefined);
    return () => ctl.abort();
  }, []);
  return <AreasContext.Provider value={areas}>{children}</AreasContext.Provider>;
}

export const useAreas = (): Areas | null => useContext(AreasContext);
