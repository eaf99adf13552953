import { useState } from 'react';
import { api, ApiError } from '../api';
import { useI18n } from '../i18n';
import type { TicketDetail } from '../types';

export interface TicketPatch {
  busy: boolean;
  /** The form-level message: a conflict, a refused transition, the network. */
  error: string | null;
  /** A refusal naming a field (`category`, `fields.txHash`, `tags`) goes under that field. */
  fieldError: { field: string; message: string } | null;
  change(patch: Record<string, unknown>): Promise<boolean>;
}

/**
 * PATCH /api/v1/tickets/:id with the `updatedAt` this page shows: if someone else changed the
 * ticket meanwhile the server refuses (409), nothing is written, and the page reloads to show
 * their change with a notice instead of overwriting it.
 */
export function useTicketPatch(ticket: TicketDetail, onChanged: (conflict: boolean) => Promise<void>): TicketPatch {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<TicketPatch['fieldError']>(null);

  async function change(patch: Record<string, unknown>): Promise<boolean> {
    setBusy(true);
    setError(null);
    setFieldError(null);
    try {
      await api('PATCH', `/api/v1/tickets/${encodeURIComponent(ticket.number)}`, { ...patch, baseUpdatedAt: ticket.updatedAt });
      await onChanged(false);
      return true;
    } catch (err) {
      const e = err instanceof ApiError ? err : null;
      if (e?.code === 'conflict') {
        setError(t('ticket.conflict'));
        await onChanged(true);
      } else if (e?.code === 'transition_not_allowed') setError(t('ticket.transitionNotAllowed'));
      else if (e?.field && e.field !== 'baseUpdatedAt') setFieldError({ field: e.field, message: e.message });
      else setError(e?.code === 'network' || !e ? t('error.network') : t('error.generic', { message: e.message }));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, fieldError, change };
}
