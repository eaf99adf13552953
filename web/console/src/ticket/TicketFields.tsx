import { useId, useState } from 'react';
import { Select } from '../shell/Select';
import { api, ApiError } from '../api';
import { useI18n } from '../i18n';
import type { TicketDetail } from '../types';

const priorities = ['low', 'normal', 'high', 'urgent'];

/**
 * Status, priority and assignee. Each change is sent with the `updatedAt` this page shows: if
 * someone else changed the ticket meanwhile the server refuses (409) and the page shows theirs.
 * What may change comes from the ticket's abilities.
 */
export function TicketFields({ ticket, myId, onChanged }: { ticket: TicketDetail; myId: string; onChanged(conflict: boolean): Promise<void> }) {
  const { t, label } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const statusId = useId();
  const editable = ticket.abilities.update;

  async function change(patch: Record<string, unknown>) {
    setBusy(true);
    setError(null);
    try {
      await api('PATCH', `/api/v1/tickets/${encodeURIComponent(ticket.number)}`, { ...patch, baseUpdatedAt: ticket.updatedAt });
      await onChanged(false);
    } catch (err) {
      const e = err instanceof ApiError ? err : null;
      if (e?.code === 'conflict') {
        setError(t('ticket.conflict'));
        await onChanged(true);
      } else if (e?.code === 'transition_not_allowed') setError(t('ticket.transitionNotAllowed'));
      else setError(e?.code === 'network' || !e ? t('error.network') : t('error.generic', { message: e.message }));
    } finally {
      setBusy(false);
    }
  }

  const statuses = [ticket.status, ...ticket.abilities.nextStatuses.filter((s) => s !== ticket.status)];
  return (
    <section className="ticket-fields" aria-labelledby={`${statusId}-title`} aria-busy={busy || undefined}>
      <h2 id={`${statusId}-title`}>{t('ticket.details')}</h2>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {!editable ? <p className="help">{t('ticket.readOnly')}</p> : null}
      <Select
        label={t('filter.status')}
        value={ticket.status}
        options={statuses.map((s) => ({ value: s, label: label('status', s) }))}
        onChange={(status) => void change({ status })}
        any={false}
        disabled={!editable || busy}
      />
      <Select
        label={t('filter.priority')}
        value={ticket.priority}
        options={priorities.map((p) => ({ value: p, label: label('priority', p) }))}
        onChange={(priority) => void change({ priority })}
        any={false}
        disabled={!editable || busy}
      />
      <div className="field">
        <span className="field-label">{t('inbox.col.assignee')}</span>
        <span>{ticket.assignee?.name ?? t('inbox.unassigned')}</span>
        {editable ? (
          ticket.assignee?.id === myId ? (
            <button type="button" disabled={busy} onClick={() => void change({ assigneeId: null })}>
              {t('ticket.unassign')}
            </button>
          ) : (
            <button type="button" disabled={busy} onClick={() => void change({ assigneeId: myId })}>
              {t('ticket.assignToMe')}
            </button>
          )
        ) : null}
      </div>
      <p className="help">
        {label('category', ticket.category)} · {label('channel', ticket.channel)} · {ticket.locale}
        {ticket.team ? ` · ${ticket.team.name}` : ''}
        {ticket.tags.length ? ` · ${ticket.tags.map((tag) => `#${tag}`).join(' ')}` : ''}
      </p>
    </section>
  );
}
