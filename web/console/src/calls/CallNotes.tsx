import { useState } from 'react';
import { api } from '../api';
import { serverErrors, TextAreaField, type Errors } from '../admin/fields';
import { useI18n } from '../i18n';
import type { Call } from './types';

const NOTES_MAX = 5000;

/** The agent's notes on one call, saved with PUT /api/v1/calls/:id/notes (screened for secrets there). */
export function CallNotes({ call, onSaved }: { call: Call; onSaved(call: Call): void }) {
  const { t } = useI18n();
  const [notes, setNotes] = useState(call.notes ?? '');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  async function save() {
    setSaved(false);
    const text = notes.trim();
    if (!text) return setErrors({ notes: t('calls.notesRequired') });
    if (text.length > NOTES_MAX) return setErrors({ notes: t('callbacks.noteTooLong', { max: NOTES_MAX }) });
    setErrors({});
    setBusy(true);
    try {
      const updated = await api<Call>('PUT', `/api/v1/calls/${call.id}/notes`, { notes: text });
      // The server may have redacted a secret: show what was kept.
      setNotes(updated.notes ?? '');
      setSaved(true);
      onSaved(updated);
    } catch (err) {
      const e = serverErrors(err, t, ['notes']);
      setErrors(e.notes ? e : { notes: e.form ?? '' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="call-notes">
      <TextAreaField label={t('calls.notes')} error={errors.notes} rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
      <button type="button" disabled={busy} onClick={() => void save()}>
        {busy ? t('callbacks.saving') : t('calls.saveNotes')}
      </button>
      {saved ? <span role="status"> {t('calls.notesSaved')}</span> : null}
    </div>
  );
}
