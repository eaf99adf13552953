import { useI18n, type Translate } from '../i18n';
import { AttachmentList, type ShownAttachment } from './AttachmentList';

export type BubbleAttachment = ShownAttachment;

/** How an author is named: bot and system by role, people by name, else "Customer". */
export function authorLabel(t: Translate, author: { type: string; name: string | null }): string {
  if (author.type === 'bot') return t('ticket.author.bot');
  if (author.type === 'system') return t('ticket.author.system');
  return author.name ?? t('ticket.author.customer');
}

/**
 * One message of a conversation (ticket timeline or live chat): its author, an internal-note
 * badge, the time, the body and attachments. The body is always rendered as text.
 */
export function MessageBubble({ side, internal, who, createdAt, time, body, attachments }: {
  side: string;
  internal: boolean;
  who: string;
  createdAt: string;
  time: string;
  body: string;
  attachments: BubbleAttachment[];
}) {
  const { t } = useI18n();
  return (
    <li className={`message message-${side}${internal ? ' message-internal' : ''}`}>
      <article aria-label={internal ? `${t('ticket.internalNote')} · ${who}` : who}>
        <header>
          <strong>{who}</strong>
          {internal ? <span className="badge note-badge">{t('ticket.internalNote')}</span> : null}
          <time dateTime={createdAt}>{time}</time>
        </header>
        <p className="message-body">{body}</p>
        {attachments.length ? <AttachmentList attachments={attachments} /> : null}
      </article>
    </li>
  );
}
