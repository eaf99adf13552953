import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ApiError } from '../api';
import { useI18n } from '../i18n';

const MAX = 4000;

/** The chat's reply box: Enter sends (Shift+Enter a new line); typing is announced to the customer. */
export function ChatComposer({ send, typing, live }: { send(body: string, internal: boolean): Promise<void>; typing(): void; live: boolean }) {
  const { t } = useI18n();
  const id = useId();
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    const text = body.trim();
    if (!text) return setError(t('ticket.bodyRequired'));
    if (text.length > MAX) return setError(t('chats.bodyTooLong'));
    setBusy(true);
    setError(null);
    try {
      await send(text, internal);
      setBody('');
    } catch (err) {
      setError(err instanceof ApiError && err.code !== 'network' ? err.message : t('error.network'));
    } finally {
      setBusy(false);
    }
  }

  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void submit();
    }
  };

  return (
    <form className={`reply-box reply-${internal ? 'internal' : 'public'}`} onSubmit={submit} noValidate>
      <label htmlFor={id} className="visually-hidden">
        {t('ticket.message')}
      </label>
      <textarea
        id={id}
        rows={3}
        value={body}
        onChange={(e) => {
          setBody(e.target.value);
          typing();
        }}
        onKeyDown={onKey}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
      <div className="composer-actions">
        <label>
          <input type="checkbox" checked={internal} onChange={(e) => setInternal(e.target.checked)} /> {t('chats.internal')}
        </label>
        <button type="submit" className="primary" disabled={busy || !live}>
          {busy ? t('ticket.sending') : internal ? t('ticket.addNote') : t('chats.send')}
        </button>
      </div>
    </form>
  );
}
