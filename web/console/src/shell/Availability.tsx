import { createContext, useContext, useEffect, useId, useState, type ReactNode } from 'react';
import { api, ApiError } from '../api';
import { useI18n } from '../i18n';
import type { Availability, PresenceStatus, RoutingAbilities } from '../types';

const statuses: PresenceStatus[] = ['online', 'away', 'offline'];

interface State {
  availability: Availability | null;
  abilities: RoutingAbilities | null;
  set(status: PresenceStatus): Promise<void>;
  error: string | null;
}

const AvailabilityContext = createContext<State | null>(null);

/** The agent's own availability for chats and what routing lets them do (from the server). */
export function AvailabilityProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [availability, setAvailability] = useState<Availability | null>(null);
  const [abilities, setAbilities] = useState<RoutingAbilities | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<{ availability: Availability; abilities: RoutingAbilities }>('GET', '/api/v1/agents/me/availability').then(
      (r) => {
        setAvailability(r.availability);
        setAbilities(r.abilities);
      },
      () => undefined,
    );
  }, []);
  const set = async (status: PresenceStatus) => {
    setError(null);
    try {
      const r = await api<{ availability: Availability }>('PUT', '/api/v1/agents/me/availability', { status });
      setAvailability(r.availability);
    } catch (err) {
      setError(err instanceof ApiError && err.code !== 'network' ? err.message : t('error.network'));
    }
  };
  return <AvailabilityContext.Provider value={{ availability, abilities, set, error }}>{children}</AvailabilityContext.Provider>;
}

export function useRoutingAbilities(): RoutingAbilities | null {
  return useContext(AvailabilityContext)?.abilities ?? null;
}

/** "Chats: Online / Away / Offline" in the top bar. */
export function AvailabilitySwitch() {
  const { t, label } = useI18n();
  const id = useId();
  const ctx = useContext(AvailabilityContext);
  if (!ctx?.availability || !ctx.abilities?.setOwnAvailability) return null;
  return (
    <div className="language availability">
      <label htmlFor={id}>{t('availability.label')}</label>
      <select id={id} value={ctx.availability.status} onChange={(e) => void ctx.set(e.target.value as PresenceStatus)} aria-describedby={ctx.error ? `${id}-error` : undefined}>
        {statuses.map((s) => (
          <option key={s} value={s}>
            {label('presence', s)}
          </option>
        ))}
      </select>
      {ctx.error ? (
        <span className="field-error" id={`${id}-error`} role="alert">
          {ctx.error}
        </span>
      ) : null}
    </div>
  );
}
