import { useId, useState, type FormEvent } from 'react';
import { api } from '../api';
import { FormError, serverErrors, TextAreaField, type Errors } from '../admin/fields';
import { useI18n } from '../i18n';
import { callbackOutcomes, type Callback, type CallbackOutcome } from './types';

const NOTE_MAX = 2000;

/**
 * How a callback went, with a note for the ticket. Checked here first (an outcome chosen, the
 * note within the server's limit) so a slip costs no round trip; the server's refusal still
 * shows under the field it names.
 */
export function OutcomeForm({ callback, onDone, onCancel }: { callback: Callback; onDone(updated: Callback): void; onCancel(): void }) {
  const { t } = useI18n();
  const id = useId();
  const [outcome, setOutcome] = useState<CallbackOutcome | ''>('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Errors = {};
    if (!outcome) found.outcome = t('callbacks.outcomeRequired');
    if (note.trim().length > NOTE_MAX) found.note = t('callbacks.noteTooLong', { max: NOTE_MAX });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      onDone(await api<Callback>('POST', `/api/v1/callbacks/${callback.id}/outcome`, { outcome, ...(note.trim() ? { note: note.trim() } : {}) }));
    } catch (err) {
      setErrors(serverErrors(err, t, ['outcome', 'note']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="outcome-form" aria-label={t('callbacks.outcomeFor', { number: callback.ticket.number })} onSubmit={(e) => void submit(e)} noValidate>
      <FormError errors={errors} />
      <fieldset aria-describedby={errors.outcome ? `${id}-error` : undefined} aria-invalid={errors.outcome ? true : undefined}>
        <legend>{t('callbacks.outcome')}</legend>
        {callbackOutcomes.map((o) => (
          <label key={o}>
            <input type="radio" name={`${id}-outcome`} value={o} checked={outcome === o} onChange={() => setOutcome(o)} /> {t(`callbacks.outcome.${o}`)}
          </label>
        ))}
        {errors.outcome ? (
          <p className="field-error" id={`${id}-error`} role="alert">
            {errors.outcome}
          </p>
        ) : null}
      </fieldset>
      <TextAreaField label={t('callbacks.note')} error={errors.note} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
      <p className="actions">
        <button type="submit" className="primary narrow" disabled={busy}>
          {busy ? t('callbacks.saving') : t('callbacks.saveOutcome')}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          {t('callbacks.cancel')}
        </button>
      </p>
    </form>
  );
}
