import { useI18n } from '../i18n';
import { authorLabel, MessageBubble } from '../shell/MessageBubble';
import type { TicketMessage, TimelineEvent } from '../types';
import { eventText, securityEvents } from './eventText';

type Entry = { kind: 'message'; id: string; message: TicketMessage } | { kind: 'event'; id: string; event: TimelineEvent; text: string };

/**
 * Messages from every side (customer, agents, bot, system) and internal notes, with the changes
 * made to the ticket between them, oldest first. Ids are time-ordered, so one sort merges both.
 * Customer text is rendered as text, never as HTML.
 */
export function Timeline({ messages, events }: { messages: TicketMessage[]; events: TimelineEvent[] }) {
  const { t, label, locale } = useI18n();
  const entries: Entry[] = [
    ...messages.map((m) => ({ kind: 'message' as const, id: m.id, message: m })),
    ...events.flatMap((e) => {
      const text = eventText(e, t, label);
      return text === null ? [] : [{ kind: 'event' as const, id: e.id, event: e, text }];
    }),
  ].sort((a, b) => (a.id < b.id ? -1 : 1));
  const time = (iso: string) => new Date(iso).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' });

  return (
    <ol className="timeline" aria-label={t('ticket.timeline')}>
      {entries.map((entry) => {
        if (entry.kind === 'event') {
          const e = entry.event;
          return (
            <li key={entry.id} className={securityEvents.has(e.type) ? 'timeline-event timeline-security' : 'timeline-event'} data-event={e.type}>
              {entry.text} <time dateTime={e.createdAt}>{time(e.createdAt)}</time>
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
