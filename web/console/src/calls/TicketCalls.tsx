import { useEffect, useState } from 'react';
import { api, isAbort } from '../api';
import { useI18n } from '../i18n';
import { useLiveEvents } from '../realtime/LiveProvider';
import { CallNotes } from './CallNotes';
import { customerNumber, safeRecordingUrl, shortTime, talkTime } from './callText';
import type { Call, Callback } from './types';

/**
 * A ticket's phone calls (who, which number, how long, the recording in the telephony system,
 * the agent's notes) and its callback requests. Tickets that never saw a phone show nothing.
 * A call logged or an outcome recorded while the ticket is open changes the ticket, so it is read again then.
 */
export function TicketCalls({ ticketId }: { ticketId: string }) {
  const { t, locale } = useI18n();
  const [calls, setCalls] = useState<Call[] | null>(null);
  const [callbacks, setCallbacks] = useState<Callback[]>([]);
  const [version, setVersion] = useState(0);
  const again = () => setVersion((v) => v + 1);
  useLiveEvents({ changed: (id) => id === ticketId && again(), resync: again });
  useEffect(() => {
    const ctl = new AbortController();
    const read = <T,>(what: string) => api<{ items: T[] }>('GET', `/api/v1/tickets/${ticketId}/${what}`, undefined, ctl.signal).then((r) => r.items);
    Promise.all([read<Call>('calls'), read<Callback>('callbacks')]).then(([c, cb]) => {
      setCalls(c);
      setCallbacks(cb);
    }, (err: unknown) => !isAbort(err) && setCalls((known) => known ?? []));
    return () => ctl.abort();
  }, [ticketId, version]);
  if (!calls || (calls.length === 0 && callbacks.length === 0)) return null;

  return (
    <section aria-labelledby="ticket-calls-title" className="ticket-calls">
      <h2 id="ticket-calls-title">{t('calls.title')}</h2>
      <ul>
        {calls.map((call) => {
          const recording = safeRecordingUrl(call.recordingUrl);
          return (
            <li key={call.id}>
              <strong>{t(`calls.direction.${call.direction}`)}</strong> · {customerNumber(call)} · {shortTime(locale, call.startedAt)}
              <br />
              <span className="help">
                {call.agent?.name ?? t('calls.noAgent')} · {call.state === 'missed' ? t('calls.missed') : talkTime(call.durationSeconds)}
              </span>
              {recording ? (
                <>
                  {' · '}
                  <a href={recording} target="_blank" rel="noopener noreferrer">
                    {t('calls.recording')}
                  </a>
                </>
              ) : null}
              <CallNotes call={call} onSaved={(updated) => setCalls((all) => all?.map((c) => (c.id === updated.id ? updated : c)) ?? null)} />
            </li>
          );
        })}
      </ul>
      {callbacks.length > 0 ? (
        <>
          <h3>{t('calls.callbackRequests')}</h3>
          <ul>
            {callbacks.map((cb) => (
              <li key={cb.id}>
                {cb.phone} · {t('callbacks.dueAt', { due: shortTime(locale, cb.dueAt) })} · {t(`callbacks.state.${cb.state}`)}
                {cb.attempts > 0 ? ` · ${t('callbacks.attempts', { n: cb.attempts })}` : ''}
                {cb.outcomeNote ? <p className="help">{cb.outcomeNote}</p> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
