import { useId, useState } from 'react';
import { api, ApiError } from '../api';
import { useI18n } from '../i18n';
import type { AgentLoad, PresenceStatus } from '../types';

const statuses: PresenceStatus[] = ['online', 'away', 'offline'];

/** Agents online or away (or still answering) with their load; a supervisor changes their availability. */
export function AgentsTable({ agents, canSet, onChanged }: { agents: AgentLoad[]; canSet: boolean; onChanged(): void }) {
  const { t, label } = useI18n();
  const id = useId();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);

  async function change(agent: AgentLoad, status: PresenceStatus) {
    setBusy(agent.id);
    setErrors((e) => ({ ...e, [agent.id]: '' }));
    try {
      await api('PUT', `/api/v1/agents/${agent.id}/availability`, { status });
      onChanged();
    } catch (err) {
      setErrors((e) => ({ ...e, [agent.id]: err instanceof ApiError && err.code !== 'network' ? err.message : t('error.network') }));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('board.agents')}</h2>
      {agents.length === 0 ? <p className="empty">{t('board.noAgents')}</p> : null}
      <table className="board-table" aria-labelledby={`${id}-title`}>
        <thead>
          <tr>
            <th scope="col">{t('board.col.agent')}</th>
            <th scope="col">{t('availability.label')}</th>
            <th scope="col">{t('board.col.load')}</th>
          </tr>
        </thead>
        <tbody>
          {agents.map((a) => (
            <tr key={a.id}>
              <th scope="row">{a.name}</th>
              <td>
                {canSet ? (
                  <>
                    <select
                      aria-label={t('board.availabilityOf', { name: a.name })}
                      value={a.status}
                      disabled={busy === a.id}
                      onChange={(e) => void change(a, e.target.value as PresenceStatus)}
                      aria-describedby={errors[a.id] ? `${id}-${a.id}-error` : undefined}
                    >
                      {statuses.map((s) => (
                        <option key={s} value={s}>
                          {label('presence', s)}
                        </option>
                      ))}
                    </select>
                    {errors[a.id] ? (
                      <span className="field-error" id={`${id}-${a.id}-error`} role="alert">
                        {errors[a.id]}
                      </span>
                    ) : null}
                  </>
                ) : (
                  label('presence', a.status)
                )}
              </td>
              <td aria-label={t('board.loadOf', { name: a.name })}>
                <meter min={0} max={a.maxChats} value={a.activeChats} /> {a.activeChats} / {a.maxChats}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
