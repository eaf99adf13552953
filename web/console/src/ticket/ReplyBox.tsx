import { useId, useRef, useState, type FormEvent } from 'react';
import { useShortcuts } from '../shell/shortcuts';
import { api, ApiError } from '../api';
import { useI18n } from '../i18n';
import type { TicketAbilities } from '../types';

const MAX = 20_000;

/** A public reply or an internal note, as the ticket's abilities allow. */
export function ReplyBox({ number, abilities, onSent }: { number: string; abilities: TicketAbilities; onSent(): void }) {
  const { t } = useI18n();
  const [mode, setMode] = useState<'public' | 'internal'>(abilities.reply ? 'public' : 'internal');
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const box = useRef<HTMLTextAreaElement>(null);
  useShortcuts({ r: () => box.current?.focus() });
  if (!abilities.reply && !abilities.addNote) return null;

  async function send(e: FormEvent) {
    e.preventDefault();
    const text = body.trim();
    if (!text) return setError(t('ticket.bodyRequired'));
    if (text.length > MAX) return setError(t('ticket.bodyTooLong'));
    setBusy(true);
    setError(null);
    try {
      await api('POST', `/api/v1/tickets/${encodeURIComponent(number)}/messages`, { body: text, visibility: mode });
      setBody('');
      onSent();
    } catch (err) {
      setError(err instanceof ApiError ? (err.code === 'network' ? t('error.network') : err.message) : t('error.network'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className={`reply-box reply-${mode}`} onSubmit={send} noValidate>
      <fieldset className="reply-mode">
        <legend className="visually-hidden">{t('ticket.composeMode')}</legend>
        {abilities.reply ? (
          <label>
            <input type="radio" name={`${id}-mode`} checked={mode === 'public'} onChange={() => setMode('public')} /> {t('ticket.replyMode')}
          </label>
        ) : null}
        {abilities.addNote ? (
          <label>
            <input type="radio" name={`${id}-mode`} checked={mode === 'internal'} onChange={() => setMode('internal')} /> {t('ticket.noteMode')}
          </label>
        ) : null}
      </fieldset>
      <label htmlFor={id} className="visually-hidden">
        {t('ticket.message')}
      </label>
      <textarea
        ref={box}
        id={id}
        aria-keyshortcuts="r"
        rows={4}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('ticket.sending') : mode === 'public' ? t('ticket.send') : t('ticket.addNote')}
      </button>
    </form>
  );
}
