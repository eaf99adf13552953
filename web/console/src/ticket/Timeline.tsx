import { useI18n, type MessageKey } from '../i18n';
import { authorLabel, MessageBubble } from '../shell/MessageBubble';
import type { TicketMessage, TimelineEvent } from '../types';

type Entry = { kind: 'message'; id: string; message: TicketMessage } | { kind: 'event'; id: string; event: TimelineEvent };

const shownEvents = new Set(['status_changed', 'priority_changed', 'assignee_changed']);

/**
 * Messages from every side (customer, agents, bot, system) and internal notes, with the changes
 * made to the ticket between them, oldest first. Ids are time-ordered, so one sort merges both.
 * Customer text is rendered as text, never as HTML.
 */
export function Timeline({ messages, events }: { messages: TicketMessage[]; events: TimelineEvent[] }) {
  const { t, label, locale } = useI18n();
  const entries: Entry[] = [
    ...messages.map((m) => ({ kind: 'message' as const, id: m.id, message: m })),
    ...events.filter((e) => shownEvents.has(e.type)).map((e) => ({ kind: 'event' as const, id: e.id, event: e })),
  ].sort((a, b) => (a.id < b.id ? -1 : 1));
  const time = (iso: string) => new Date(iso).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' });

  return (
    <ol className="timeline" aria-label={t('ticket.timeline')}>
      {entries.map((entry) => {
        if (entry.kind === 'event') {
          const e = entry.event;
          const actor = e.actor.name ?? t('ticket.author.system');
          const from = String(e.data.from ?? '—');
          const to = String(e.data.to ?? '—');
          const prefix = e.type === 'status_changed' ? 'status' : 'priority';
          const text = e.type === 'assignee_changed'
            ? t('timeline.assignee_changed', { actor })
            : t(`timeline.${e.type}` as MessageKey, { actor, from: label(prefix, from), to: label(prefix, to) });
          return (
            <li key={entry.id} className="timeline-event">
              {text} <time dateTime={e.createdAt}>{time(e.createdAt)}</time>
            </li>
          );
        }
        const m = entry.message;
        const internal = m.visibility === 'internal';
        const side = m.author.type === 'agent' ? 'agent' : m.author.type === 'bot' || m.author.type === 'system' ? m.author.type : 'customer';
        const who = authorLabel(t, m.author);
        return <MessageBubble key={entry.id} side={side} internal={internal} who={who} createdAt={m.createdAt} time={time(m.createdAt)} body={m.body} attachments={m.attachments} />;
      })}
    </ol>
  );
}
