import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../api';
import { useI18n } from '../i18n';
import { navigate } from '../router';
import type { LiveChat } from '../types';
import { ChatComposer } from './ChatComposer';
import { ChatLog } from './ChatLog';
import { TransferForm } from './TransferForm';
import { useConversation } from './useConversation';

const toError = (err: unknown) => (err instanceof ApiError ? err : new ApiError(0, 'network', String(err)));

/**
 * One live chat: the conversation both ways over the socket, the customer's typing, the reply
 * box (which tells the customer the agent is typing), and accept / transfer / end as the
 * chat's abilities from the server allow.
 */
export function ChatPage({ number }: { number: string }) {
  const { t, label } = useI18n();
  const [chat, setChat] = useState<LiveChat | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [transferring, setTransferring] = useState(false);

  const load = useCallback(() => {
    api<{ chat: LiveChat }>('GET', `/api/v1/chats/${encodeURIComponent(number)}`).then(
      (r) => {
        setChat(r.chat);
        setError(null);
      },
      (err: unknown) => setError(toError(err)),
    );
  }, [number]);
  useEffect(() => load(), [load]);
  const conversation = useConversation(chat?.ticketId ?? null, load);

  async function act(path: 'accept' | 'end') {
    setBusy(true);
    setActionError(null);
    try {
      const url = path === 'accept' ? `/api/v1/chat-queue/${encodeURIComponent(number)}/accept` : `/api/v1/chats/${encodeURIComponent(number)}/end`;
      const r = await api<{ chat: LiveChat }>('POST', url, path === 'end' ? {} : undefined);
      setChat(r.chat);
    } catch (err) {
      const e = toError(err);
      setActionError(e.code === 'network' ? t('error.network') : e.message);
      load();
    } finally {
      setBusy(false);
    }
  }

  const back = (
    <a
      href="/console/chats"
      className="back"
      onClick={(e) => {
        e.preventDefault();
        navigate('/chats');
      }}
    >
      ← {t('chats.back')}
    </a>
  );
  if (!chat) {
    return error ? (
      <div className="chat-page">
        {back}
        <p className="form-error" role="alert">
          {error.code === 'network' ? t('error.network') : t('chats.loadError', { message: error.message })}
        </p>
      </div>
    ) : (
      <p className="page-loading" aria-busy="true">{t('app.loading')}</p>
    );
  }

  const open = chat.state !== 'ended' && chat.state !== 'left_message';
  return (
    <div className="chat-page">
      <div className="chat-main">
        {back}
        <h1>
          <span className="ticket-number">{chat.number}</span> {chat.customer.name ?? t('ticket.author.customer')}
        </h1>
        <p className="help">
          <span className={`badge chat-state-${chat.state}`}>{label('chatState', chat.state)}</span> {label('category', chat.topic)} · {chat.locale}
          {chat.team ? ` · ${chat.team.name}` : ''}
          {chat.agent ? ` · ${t('chats.answeredBy', { name: chat.agent.name })}` : ''}{' '}
          <a
            href={`/console/tickets/${chat.number}`}
            onClick={(e) => {
              e.preventDefault();
              navigate(`/tickets/${chat.number}`);
            }}
          >
            {t('chats.openTicket')}
          </a>
        </p>
        {notice ? <p className="notice" role="status">{notice}</p> : null}
        {conversation.resumeError ? (
          <p className="form-error" role="alert">
            {conversation.resumeError.code === 'network' ? t('error.network') : conversation.resumeError.message}
          </p>
        ) : null}
        <ChatLog messages={conversation.messages} />
        <p className="typing" aria-live="polite">
          {conversation.customerTyping ? t('chats.customerTyping') : ''}
        </p>
        {open ? <ChatComposer send={conversation.send} typing={conversation.typing} live={conversation.live} /> : <p className="help">{t('chats.closed')}</p>}
      </div>
      <aside className="chat-side" aria-label={t('chats.actions')}>
        {actionError ? (
          <p className="form-error" role="alert">
            {actionError}
          </p>
        ) : null}
        {chat.abilities.accept ? (
          <button type="button" className="primary" disabled={busy} onClick={() => void act('accept')}>
            {t('chats.accept')}
          </button>
        ) : null}
        {chat.abilities.transfer ? (
          transferring ? (
            <TransferForm
              number={chat.number}
              onDone={(outcome) => {
                setTransferring(false);
                setNotice(t('transfer.done', { state: label('chatState', outcome) }));
                load();
              }}
            />
          ) : (
            <button type="button" onClick={() => setTransferring(true)}>
              {t('transfer.title')}
            </button>
          )
        ) : null}
        {chat.abilities.end ? (
          <button type="button" disabled={busy} onClick={() => void act('end')}>
            {t('chats.end')}
          </button>
        ) : null}
      </aside>
    </div>
  );
}
