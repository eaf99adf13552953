import { useId, useState } from 'react';
import { api } from '../api';
import { serverErrors } from '../admin/fields';
import { useI18n } from '../i18n';
import { navigate } from '../router';
import { useSession } from '../session';
import { shortTime, windowText } from './callText';
import { OutcomeForm } from './OutcomeForm';
import { callbackStates, isOpen, type Callback, type CallbackStateFilter } from './types';
import { useCallbackQueue } from './useCallbackQueue';

/**
 * The callback queue: requests earliest due first, overdue ones marked, filtered by state. An
 * agent takes one ("assign to me"), calls, and records how it went; an unanswered call comes
 * back later in the queue by itself (the server reschedules it).
 */
export function CallbacksPage() {
  const { t, label, locale } = useI18n();
  const { state: session } = useSession();
  const myId = session.status === 'signedIn' ? session.me.agent.id : null;
  const filterId = useId();
  const [filter, setFilter] = useState<CallbackStateFilter>('open');
  const { data, error, reload } = useCallbackQueue(filter);
  const [recording, setRecording] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [rowError, setRowError] = useState<{ id: string; text: string } | null>(null);

  async function assignToMe(c: Callback) {
    setRowError(null);
    try {
      await api('POST', `/api/v1/callbacks/${c.id}/assign`, { to: 'me' });
      reload();
    } catch (err) {
      const e = serverErrors(err, t, []);
      setRowError({ id: c.id, text: e.form ?? Object.values(e)[0] ?? '' });
    }
  }

  const recorded = (c: Callback) => {
    setRecording(null);
    setNotice(
      c.state === 'pending'
        ? t('callbacks.rescheduled', { number: c.ticket.number, due: shortTime(locale, c.dueAt), attempt: c.attempts })
        : t('callbacks.closed', { number: c.ticket.number, state: t(`callbacks.state.${c.state}`) }),
    );
    reload();
  };

  const canRecord = data?.abilities.recordOutcome ?? false;
  return (
    <div className="board callbacks">
      <h1>{t('callbacks.title')}</h1>
      <p className="filter-bar">
        <label htmlFor={filterId}>{t('callbacks.filter')}</label>{' '}
        <select id={filterId} value={filter} onChange={(e) => setFilter(e.target.value as CallbackStateFilter)}>
          {callbackStates.map((s) => (
            <option key={s} value={s}>
              {t(`callbacks.state.${s}`)}
            </option>
          ))}
        </select>
      </p>
      {notice ? <p className="notice" role="status">{notice}</p> : null}
      {error ? (
        <p className="form-error" role="alert">
          {error.code === 'network' ? t('error.network') : t('error.generic', { message: error.message })}
        </p>
      ) : null}
      {!data ? <p className="page-loading" aria-busy="true">{t('app.loading')}</p> : data.items.length === 0 ? <p className="empty">{t('callbacks.empty')}</p> : null}
      {data && data.items.length > 0 ? (
        <table className="board-table" aria-label={t('callbacks.title')}>
          <thead>
            <tr>
              <th scope="col">{t('callbacks.col.due')}</th>
              <th scope="col">{t('callbacks.col.customer')}</th>
              <th scope="col">{t('callbacks.col.topic')}</th>
              <th scope="col">{t('callbacks.col.ticket')}</th>
              <th scope="col">{t('callbacks.col.state')}</th>
              <th scope="col">{t('callbacks.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((c) => (
              <tr key={c.id} className={c.overdue ? 'callback-overdue' : undefined}>
                <td>
                  {shortTime(locale, c.dueAt)}
                  {c.overdue ? <strong className="overdue-tag"> {t('callbacks.overdue')}</strong> : null}
                  <br />
                  <span className="help">{windowText(locale, t, c)}</span>
                </td>
                <th scope="row">
                  {c.name ?? '—'}
                  <br />
                  <a href={`tel:${c.phone}`}>{c.phone}</a>
                </th>
                <td>
                  {label('category', c.topic)} · {c.locale}
                </td>
                <td>
                  <a
                    href={`/console/tickets/${c.ticket.number}`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(`/tickets/${c.ticket.number}`);
                    }}
                  >
                    {c.ticket.number}
                  </a>
                </td>
                <td>
                  {t(`callbacks.state.${c.state}`)}
                  {c.attempts > 0 ? <span className="help"> · {t('callbacks.attempts', { n: c.attempts })}</span> : null}
                  <br />
                  <span className="help">{c.assignee ? t('callbacks.assignedTo', { name: c.assignee.name ?? '—' }) : t('callbacks.unassigned')}</span>
                  {c.outcomeNote ? <p className="help">{c.outcomeNote}</p> : null}
                </td>
                <td>
                  {canRecord && isOpen(c) ? (
                    recording === c.id ? (
                      <OutcomeForm callback={c} onDone={recorded} onCancel={() => setRecording(null)} />
                    ) : (
                      <>
                        {c.assignee?.id !== myId ? (
                          <button type="button" onClick={() => void assignToMe(c)} aria-label={t('callbacks.assignToMeFor', { number: c.ticket.number })}>
                            {t('callbacks.assignToMe')}
                          </button>
                        ) : null}{' '}
                        <button type="button" onClick={() => setRecording(c.id)} aria-label={t('callbacks.recordOutcomeFor', { number: c.ticket.number })}>
                          {t('callbacks.recordOutcome')}
                        </button>
                      </>
                    )
                  ) : null}
                  {rowError?.id === c.id ? (
                    <p className="field-error" role="alert">
                      {rowError.text}
                    </p>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
