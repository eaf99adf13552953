import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { formatSize } from '../shell/AttachmentList';
import { useShortcuts } from '../shell/shortcuts';
import { useCanned } from './useCanned';
import { api, ApiError } from '../api';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import type { TicketDetail } from '../types';
import { MacroMenu } from './MacroMenu';

const MAX = 20_000;

/** A public reply or an internal note with files, as the ticket's abilities allow; canned responses and macros. */
export function ReplyBox({ ticket, onSent }: { ticket: TicketDetail; onSent(): void }) {
  const { t, locale } = useI18n();
  const { number, abilities } = ticket;
  const [files, setFiles] = useState<File[]>([]);
  const [blocked, setBlocked] = useState(false);
  const { state } = useSession();
  const supervisor = state.status === 'signedIn' && state.me.role !== 'agent';
  const fileInput = useRef<HTMLInputElement>(null);
  const [mode, setMode] = useState<'public' | 'internal'>(abilities.reply ? 'public' : 'internal');
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const box = useRef<HTMLTextAreaElement>(null);
  useShortcuts({ r: () => box.current?.focus() });
  const canned = useCanned();
  const [missing, setMissing] = useState<string[]>([]);

  async function insertCanned(cannedId: string, replacing = '') {
    try {
      const r = await canned.render(cannedId, number);
      setBody((prev) => {
        const base = replacing && prev.endsWith(replacing) ? prev.slice(0, -replacing.length) : prev;
        return base.trim() ? `${base.trimEnd()}\n${r.text}` : r.text;
      });
      setMissing(r.missing);
      setError(null);
      box.current?.focus();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('error.network'));
    }
  }

  // "/deposit-need-txid" then Tab: the canned response with that shortcode replaces what was typed.
  function expandShortcode(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key !== 'Tab' || e.shiftKey) return;
    const typed = /(?:^|\s)(\/([a-z0-9][a-z0-9_-]*))$/.exec(body);
    const match = typed && canned.items.find((c) => c.shortcode === typed[2]);
    if (!typed || !match) return;
    e.preventDefault();
    void insertCanned(match.id, typed[1]);
  }
  if (!abilities.reply && !abilities.addNote) return null;

  async function send(e: FormEvent | null, overrideGuard = false) {
    e?.preventDefault();
    const text = body.trim();
    if (!text) return setError(t('ticket.bodyRequired'));
    if (text.length > MAX) return setError(t('ticket.bodyTooLong'));
    setBusy(true);
    setError(null);
    setBlocked(false);
    try {
      let payload: FormData | { body: string; visibility: string; overrideGuard?: true } = { body: text, visibility: mode, ...(overrideGuard ? { overrideGuard } : {}) };
      if (files.length) {
        payload = new FormData();
        payload.set('body', text);
        payload.set('visibility', mode);
        for (const f of files) payload.append('attachments', f, f.name);
      }
      await api('POST', `/api/v1/tickets/${encodeURIComponent(number)}/messages`, payload);
      setBody('');
      setFiles([]);
      setMissing([]);
      onSent();
    } catch (err) {
      setError(err instanceof ApiError ? (err.code === 'network' ? t('error.network') : err.message) : t('error.network'));
      // The held-back attempt is on the timeline now; a supervisor may still send it (audited).
      if (err instanceof ApiError && err.code === 'agent_guard_blocked') {
        setBlocked(true);
        onSent();
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className={`reply-box reply-${mode}`} onSubmit={send} noValidate>
      <MacroMenu ticket={ticket} onApplied={onSent} />
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
      {canned.items.length ? (
        <div className="canned">
          <label htmlFor={`${id}-canned`}>{t('reply.canned')}</label>
          <select
            id={`${id}-canned`}
            value=""
            onChange={(e) => {
              if (e.target.value) void insertCanned(e.target.value);
            }}
          >
            <option value="">{t('reply.cannedPick')}</option>
            {canned.items.map((c) => (
              <option key={c.id} value={c.id}>
                /{c.shortcode} — {c.title}
              </option>
            ))}
          </select>
          <span className="help">{t('reply.cannedHint')}</span>
        </div>
      ) : null}
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
        onKeyDown={expandShortcode}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <div className="reply-files">
        <label htmlFor={`${id}-files`}>{t('attach.add')}</label>
        <input
          id={`${id}-files`}
          ref={fileInput}
          type="file"
          multiple
          onChange={(e) => {
            // Read the list now: clearing the input (so the same file can be chosen again) empties it.
            const chosen = Array.from(e.target.files ?? []);
            setFiles((prev) => [...prev, ...chosen]);
            e.target.value = '';
          }}
        />
        {files.length ? (
          <ul aria-label={t('attach.chosen')}>
            {files.map((f, i) => (
              <li key={`${f.name}:${i}`}>
                {f.name} ({formatSize(f.size, locale)}){' '}
                <button type="button" onClick={() => setFiles((prev) => prev.filter((_, j) => j !== i))}>
                  {t('attach.remove', { name: f.name })}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {missing.length ? <p className="notice">{t('reply.cannedMissing', { names: missing.join(', ') })}</p> : null}
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
      {blocked && supervisor && !files.length ? (
        <button type="button" className="danger" disabled={busy} onClick={() => void send(null, true)}>
          {t('reply.guardOverride')}
        </button>
      ) : null}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('ticket.sending') : mode === 'public' ? t('ticket.send') : t('ticket.addNote')}
      </button>
    </form>
  );
}
