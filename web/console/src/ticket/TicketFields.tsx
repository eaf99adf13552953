import { useId } from 'react';
import { Select } from '../shell/Select';
import { useI18n } from '../i18n';
import type { TicketDetail } from '../types';
import { AssignmentFields } from './AssignmentFields';
import { CategoryEditor } from './CategoryEditor';
import { useTicketPatch } from './useTicketPatch';

const priorities = ['low', 'normal', 'high', 'urgent'];
/** Fields whose refusals the editors below show under their own inputs. */
const shownByEditors = ['category', 'fields', 'tags', 'teamId', 'assigneeId'];

/**
 * Status, priority, assignee, team, tags, and the category with its fields. Every change goes
 * through useTicketPatch (stale writes refused and shown); what may change comes from the
 * ticket's abilities.
 */
export function TicketFields({ ticket, myId, onChanged }: { ticket: TicketDetail; myId: string; onChanged(conflict: boolean): Promise<void> }) {
  const { t, label } = useI18n();
  const patch = useTicketPatch(ticket, onChanged);
  const { busy, error, change } = patch;
  const statusId = useId();
  const editable = ticket.abilities.update;

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
      {patch.fieldError && !shownByEditors.some((f) => patch.fieldError!.field === f || patch.fieldError!.field.startsWith(`${f}.`)) ? (
        <p className="form-error" role="alert">
          {patch.fieldError.message}
        </p>
      ) : null}
      <AssignmentFields ticket={ticket} myId={myId} patch={patch} editable={editable} />
      <CategoryEditor key={`${ticket.category}:${ticket.updatedAt}`} ticket={ticket} patch={patch} editable={editable} />
      <p className="help">
        {label('channel', ticket.channel)} · {ticket.locale}
      </p>
    </section>
  );
}
