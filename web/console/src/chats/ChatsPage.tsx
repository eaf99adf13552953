import { useState } from 'react';
import { api, ApiError } from '../api';
import { useI18n } from '../i18n';
import { navigate } from '../router';
import type { LiveChat } from '../types';
import { QueueUnavailable } from './QueueUnavailable';
import { useChatQueue } from './useChatQueue';
import { clock, useWaits } from './waitTime';

function ChatLink({ chat }: { chat: LiveChat }) {
  return (
    <a
      href={`/console/chats/${chat.number}`}
      onClick={(e) => {
        e.preventDefault();
        navigate(`/chats/${chat.number}`);
      }}
    >
      {chat.number}
    </a>
  );
}

/**
 * Live chats: the waiting chats of my teams (oldest first, with how long each has waited) to
 * accept, and the chats I am answering. Kept live from the socket.
 */
export function ChatsPage() {
  const { t, label } = useI18n();
  const { queue, error, fetchedAt, reload } = useChatQueue();
  const waitOf = useWaits(fetchedAt);
  const [busy, setBusy] = useState<string | null>(null);
  const [acceptError, setAcceptError] = useState<string | null>(null);

  async function accept(chat: LiveChat) {
    setBusy(chat.ticketId);
    setAcceptError(null);
    try {
      await api('POST', `/api/v1/chat-queue/${encodeURIComponent(chat.number)}/accept`);
      navigate(`/chats/${chat.number}`);
    } catch (err) {
      const e = err instanceof ApiError ? err : null;
      setAcceptError(e?.code === 'conflict' ? t('chats.acceptConflict', { message: e.message }) : e && e.code !== 'network' ? t('error.generic', { message: e.message }) : t('error.network'));
      reload();
    } finally {
      setBusy(null);
    }
  }

  if (!queue) return <QueueUnavailable error={error} reload={reload} />;

  return (
    <div className="chats-page">
      <section aria-labelledby="chat-queue-title">
        <h1 id="chat-queue-title">{t('chats.queue')}</h1>
        <p className="help">{queue.me.teamIds.length ? t('chats.queueHelp') : t('chats.noTeams')}</p>
        {acceptError ? (
          <p className="form-error" role="alert">
            {acceptError}
          </p>
        ) : null}
        {queue.items.length === 0 ? <p className="empty">{t('chats.queueEmpty')}</p> : null}
        <ul className="chat-cards" aria-label={t('chats.waitingList')}>
          {queue.items.map((chat) => (
            <li key={chat.ticketId} className="chat-card" aria-label={`${chat.number} ${chat.customer.name ?? ''}`}>
              <div>
                <ChatLink chat={chat} /> <strong>{chat.customer.name ?? t('ticket.author.customer')}</strong>
                <span className="help"> · {label('category', chat.topic)} · {chat.locale}{chat.team ? ` · ${chat.team.name}` : ''}</span>
              </div>
              <div className="chat-card-end">
                <span className="wait">{t('chats.waited', { time: clock(waitOf(chat)) })}</span>
                {chat.abilities.accept ? (
                  <button type="button" className="primary" disabled={busy !== null} onClick={() => void accept(chat)}>
                    {busy === chat.ticketId ? t('chats.accepting') : t('chats.accept')}
                  </button>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="my-chats-title">
        <h2 id="my-chats-title">{t('chats.mine', { active: queue.me.activeChats, max: queue.me.maxChats })}</h2>
        {queue.mine.length === 0 ? <p className="empty">{t('chats.mineEmpty')}</p> : null}
        <ul className="chat-cards" aria-label={t('chats.mineList')}>
          {queue.mine.map((chat) => (
            <li key={chat.ticketId} className="chat-card">
              <div>
                <ChatLink chat={chat} /> <strong>{chat.customer.name ?? t('ticket.author.customer')}</strong>
                <span className="help"> · {label('category', chat.topic)} · {chat.locale}</span>
              </div>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
