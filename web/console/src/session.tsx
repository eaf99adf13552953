import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken, setOnSessionLost } from './api';
import { isLocale, useI18n, type MessageKey } from './i18n';
import type { Me } from './types';

/** Who is signed in, as the server says (GET /api/v1/auth/me); the console never assumes. */
export type SessionState =
  | { status: 'loading' }
  | { status: 'signedOut'; notice?: MessageKey }
  | { status: 'signedIn'; me: Me }
  | { status: 'error'; error: ApiError };

interface Session {
  state: SessionState;
  /** Reads /auth/me again (after a sign-in step finished). */
  refresh(): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const { locale, setLocale } = useI18n();
  /** The language the agent's profile holds, as far as this page knows. */
  const profileLocale = useRef<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const me = await api<Me>('GET', '/api/v1/auth/me');
      setCsrfToken(me.csrfToken);
      // The agent's language follows them from browser to browser.
      profileLocale.current = me.agent.locale;
      if (isLocale(me.agent.locale)) setLocale(me.agent.locale);
      setState({ status: 'signedIn', me });
    } catch (err) {
      setCsrfToken(null);
      const e = err instanceof ApiError ? err : new ApiError(0, 'network', String(err));
      // A session that still owes its second factor starts over: the password step comes first.
      if (e.status === 401 || e.code === 'second_factor_required') setState({ status: 'signedOut' });
      else setState({ status: 'error', error: e });
    }
  }, [setLocale]);

  const signOut = useCallback(async () => {
    await api('POST', '/api/v1/auth/logout').catch(() => undefined);
    setCsrfToken(null);
    setState({ status: 'signedOut' });
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    setOnSessionLost(() => setState({ status: 'signedOut', notice: 'error.sessionEnded' }));
    return () => setOnSessionLost(null);
  }, []);

  // Keep the profile's language in step with the switcher once signed in.
  const signedIn = state.status === 'signedIn';
  useEffect(() => {
    if (!signedIn || profileLocale.current === locale) return;
    profileLocale.current = locale;
    void api('PATCH', '/api/v1/auth/me', { locale }).catch(() => undefined);
  }, [signedIn, locale]);

  const value = useMemo(() => ({ state, refresh, signOut }), [state, refresh, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
