import { useId, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { useI18n } from '../i18n';

const NUMBER = /^[A-Za-z]+-\d+$/;

/**
 * Merge this ticket into another by its number: the other ticket survives with both
 * conversations, this one is closed and points to it. The server's refusal (no such ticket,
 * itself, closed, another customer's without the supervisor role) shows under the field.
 */
export function MergeForm({ number, onMerged }: { number: string; onMerged(into: string): void }) {
  const { t } = useI18n();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [into, setInto] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const target = into.trim().toUpperCase();
    if (!NUMBER.test(target)) return setError(t('merge.numberInvalid'));
    if (target === number.toUpperCase()) return setError(t('merge.self'));
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ target: { number: string } }>('POST', `/api/v1/tickets/${encodeURIComponent(number)}/merge`, { intoTicket: target });
      setOpen(false);
      setInto('');
      onMerged(r.target.number);
    } catch (err) {
      setError(err instanceof ApiError && err.code !== 'network' ? err.message : t('error.network'));
    } finally {
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('merge.open')}
      </button>
    );
  }
  return (
    <form className="merge-form" onSubmit={submit} noValidate aria-label={t('merge.title')}>
      <div className="field">
        <label htmlFor={id}>{t('merge.into')}</label>
        <input
          id={id}
          value={into}
          placeholder="LD-100001"
          onChange={(e) => setInto(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : `${id}-help`}
        />
        {error ? (
          <p className="field-error" id={`${id}-error`}>
            {error}
          </p>
        ) : (
          <p className="help" id={`${id}-help`}>
            {t('merge.help', { number })}
          </p>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? t('merge.merging') : t('merge.submit')}
        </button>
        <button type="button" className="link" onClick={() => setOpen(false)}>
          {t('merge.cancel')}
        </button>
      </div>
    </form>
  );
}
