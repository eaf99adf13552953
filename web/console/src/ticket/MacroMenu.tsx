import { useEffect, useId, useRef, useState } from 'react';
import { api, ApiError } from '../api';
import { useI18n } from '../i18n';
import { useShortcuts } from '../shell/shortcuts';
import type { Macro } from '../admin/types';
import type { TicketDetail } from '../types';

/**
 * Macros from the reply box (`m` focuses the menu): picking one previews everything it will do —
 * the reply as the server fills it in for this ticket, and each field change — and Apply sends it
 * with the `updatedAt` on screen, so the server applies all of it in one transaction or, if the
 * ticket changed meanwhile, nothing (409, and the page shows the other change).
 */
export function MacroMenu({ ticket, onApplied }: { ticket: TicketDetail; onApplied(conflict: boolean): void }) {
  const { t, label } = useI18n();
  const id = useId();
  const menu = useRef<HTMLSelectElement>(null);
  const [macros, setMacros] = useState<Macro[]>([]);
  const [picked, setPicked] = useState<Macro | null>(null);
  const [replyText, setReplyText] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useShortcuts({ m: () => menu.current?.focus() });

  useEffect(() => {
    api<{ items: Macro[] }>('GET', '/api/v1/macros').then((r) => setMacros(r.items), () => undefined);
  }, []);

  async function pick(macroId: string) {
    const macro = macros.find((m) => m.id === macroId) ?? null;
    setPicked(macro);
    setNotice(null);
    setReplyText(null);
    const reply = macro?.actions.reply;
    if (reply?.cannedResponseId) {
      const r = await api<{ text: string }>('POST', `/api/v1/canned-responses/${reply.cannedResponseId}/render`, { ticket: ticket.number }).catch(() => null);
      setReplyText(r?.text ?? null);
    } else if (reply?.bodies) setReplyText((reply.bodies as Record<string, string>)[ticket.locale] ?? reply.bodies.en ?? Object.values(reply.bodies)[0] ?? null);
  }

  async function apply() {
    if (!picked) return;
    setBusy(true);
    try {
      const r = await api<{ missing: string[] }>('POST', `/api/v1/macros/${picked.id}/apply`, { ticket: ticket.number, baseUpdatedAt: ticket.updatedAt });
      setPicked(null);
      setNotice(r.missing.length ? t('reply.cannedMissing', { names: r.missing.join(', ') }) : t('macroMenu.applied'));
      onApplied(false);
    } catch (err) {
      const e = err instanceof ApiError ? err : null;
      setNotice(e?.code === 'conflict' ? t('ticket.conflict') : e && e.code !== 'network' ? t('error.generic', { message: e.message }) : t('error.network'));
      if (e?.code === 'conflict') onApplied(true);
    } finally {
      setBusy(false);
    }
  }

  if (!macros.length) return null;
  const a = picked?.actions;
  const who = (v: string) => (v === 'me' ? t('macroMenu.assignMe') : v === 'nobody' ? t('inbox.unassigned') : t('macroMenu.assignAgent'));
  return (
    <div className="macro-menu">
      <label htmlFor={`${id}-macro`}>{t('macroMenu.label')}</label>
      <select id={`${id}-macro`} ref={menu} aria-keyshortcuts="m" value={picked?.id ?? ''} onChange={(e) => void pick(e.target.value)}>
        <option value="">{t('macroMenu.pick')}</option>
        {macros.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
      </select>
      {notice ? <p className="notice" role="status">{notice}</p> : null}
      {a ? (
        <section className="macro-preview" aria-label={t('macroMenu.preview')}>
          <ul>
            {a.reply ? <li>{a.reply.visibility === 'internal' ? t('macroMenu.note') : t('macroMenu.reply')}: <q className="message-body">{replyText ?? '…'}</q></li> : null}
            {a.status ? <li>{t('filter.status')}: {label('status', ticket.status)} → {label('status', a.status)}</li> : null}
            {a.priority ? <li>{t('filter.priority')}: {label('priority', ticket.priority)} → {label('priority', a.priority)}</li> : null}
            {a.assignee ? <li>{t('inbox.col.assignee')}: {who(a.assignee)}</li> : null}
            {a.teamId !== undefined ? <li>{t('fieldsEdit.team')}: {a.teamId === null ? t('fieldsEdit.noTeam') : t('macroMenu.teamChanged')}</li> : null}
            {a.addTags ? <li>{t('macroMenu.addTags', { tags: a.addTags.map((x) => `#${x}`).join(' ') })}</li> : null}
            {a.removeTags ? <li>{t('macroMenu.removeTags', { tags: a.removeTags.map((x) => `#${x}`).join(' ') })}</li> : null}
          </ul>
          <button type="button" className="primary" disabled={busy} onClick={() => void apply()}>{t('macroMenu.apply')}</button>{' '}
          <button type="button" onClick={() => setPicked(null)}>{t('exchange.cancel')}</button>
        </section>
      ) : null}
    </div>
  );
}
