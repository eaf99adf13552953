import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n';
import { authorLabel, MessageBubble } from '../shell/MessageBubble';
import type { ChatMessage } from '../types';

/** The chat's messages, oldest first, scrolled to the newest. Every body is rendered as text. */
export function ChatLog({ messages }: { messages: ChatMessage[] }) {
  const { t, locale } = useI18n();
  const end = useRef<HTMLLIElement>(null);
  // Braces: newer browsers return a promise from scrollIntoView, and an effect may return only a cleanup.
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'nearest' });
  }, [messages.length]);
  const time = (iso: string) => new Date(iso).toLocaleTimeString(locale, { timeStyle: 'short' });
  return (
    <ol className="chat-log timeline" role="log" aria-label={t('chats.conversation')}>
      {messages.map((m) => {
        const who = authorLabel(t, m.author);
        const side = m.author.type === 'customer' ? 'customer' : m.author.type;
        return <MessageBubble key={m.id} side={side} internal={!!m.internal} who={who} createdAt={m.createdAt} time={time(m.createdAt)} body={m.body} attachments={m.attachments} />;
      })}
      <li ref={end} aria-hidden="true" className="chat-log-end" />
    </ol>
  );
}
