import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { FormError, serverErrors, TextAreaField, type Errors } from '../admin/fields';
import { useI18n } from '../i18n';
import { navigate } from '../router';

interface UnfreezeRequest {
  id: string;
  ticket: { id: string; number: string | null };
  uid: string;
  reason: string;
  createdAt: string;
  abilities: { approve: boolean; reject: boolean };
}

/**
 * Pending unfreeze requests (GET /api/v1/exchange/unfreeze-requests): supervisors see every one,
 * agents their own. Approve and reject show only where the server says this caller may decide —
 * never the requester, nor whoever froze the account (four eyes). With `ticketId`, that ticket's only.
 */
export function UnfreezeRequests({ ticketId, version = 0, onDecided }: { ticketId?: string; version?: number; onDecided?(): void }) {
  const { t, locale } = useI18n();
  const [items, setItems] = useState<UnfreezeRequest[]>([]);
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const r = await api<{ items: UnfreezeRequest[] }>('GET', '/api/v1/exchange/unfreeze-requests?state=pending');
      setItems(ticketId ? r.items.filter((i) => i.ticket.id === ticketId) : r.items);
    } catch (err) {
      setErrors(serverErrors(err, t, []));
    }
  }, [ticketId, t]);
  useEffect(() => void load(), [load, version]);

  async function decide(id: string, decision: 'approve' | 'reject') {
    if (decision === 'reject' && note.trim().length < 5) return setErrors({ note: t('exchange.rejectNoteShort') });
    setBusy(true);
    setErrors({});
    try {
      await api('POST', `/api/v1/exchange/unfreeze-requests/${id}/${decision}`, decision === 'reject' ? { note: note.trim() } : {});
      setRejecting(null);
      setNote('');
      await load();
      onDecided?.();
    } catch (err) {
      setErrors(serverErrors(err, t, ['note']));
    } finally {
      setBusy(false);
    }
  }

  if (!items.length && !errors.form) return null;
  return (
    <div className="unfreeze-requests" role="region" aria-label={t('exchange.pendingTitle')}>
      <h3>{t('exchange.pendingTitle')}</h3>
      <FormError errors={errors} />
      <ul>
        {items.map((r) => (
          <li key={r.id}>
            <p>
              {ticketId || !r.ticket.number ? null : (
                <>
                  <a href={`/console/tickets/${r.ticket.number}`} onClick={(e) => (e.preventDefault(), navigate(`/tickets/${r.ticket.number}`))}>
                    {r.ticket.number}
                  </a>{' · '}
                </>
              )}
              UID {r.uid} · {new Date(r.createdAt).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' })}
            </p>
            <p className="help">{r.reason}</p>
            {r.abilities.approve ? (
              <button type="button" className="primary" disabled={busy} onClick={() => void decide(r.id, 'approve')}>
                {t('exchange.approve')}
              </button>
            ) : null}{' '}
            {r.abilities.reject && rejecting !== r.id ? (
              <button type="button" disabled={busy} onClick={() => (setRejecting(r.id), setNote(''), setErrors({}))}>
                {t('exchange.reject')}
              </button>
            ) : null}
            {!r.abilities.approve && !r.abilities.reject ? <p className="help">{t('exchange.waitingSecond')}</p> : null}
            {rejecting === r.id ? (
              <form onSubmit={(e) => (e.preventDefault(), void decide(r.id, 'reject'))} noValidate>
                <TextAreaField label={t('exchange.rejectNote')} value={note} rows={2} onChange={(e) => setNote(e.target.value)} error={errors.note} />
                <button type="submit" disabled={busy}>{t('exchange.rejectConfirm')}</button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
