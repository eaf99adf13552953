import { useState, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { clock, useWaits } from '../chats/waitTime';
import { TransferForm } from '../chats/TransferForm';
import { QueueUnavailable } from '../chats/QueueUnavailable';
import { useChatQueue } from '../chats/useChatQueue';
import type { LiveChat } from '../types';
import { UnfreezeRequests } from '../ticket/UnfreezeRequests';
import { AgentsTable } from './AgentsTable';

/**
 * The supervisor board: every waiting chat with its wait, the longest wait, agents online or
 * away with their load (active chats / max), their availability to change, and any waiting or
 * answered chat to reassign. Live: `queue.watch` frames make it read the queue again.
 */
export function SupervisorPage() {
  const { t, label } = useI18n();
  const { queue, error, fetchedAt, reload } = useChatQueue();
  const waitOf = useWaits(fetchedAt);
  const [reassigning, setReassigning] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (!queue) return <QueueUnavailable error={error} reload={reload} />;
  if (!queue.abilities.viewAllQueues || !queue.agents) {
    return (
      <p className="form-error" role="alert">
        {t('board.forbidden')}
      </p>
    );
  }

  const longest = queue.items.reduce((max, c) => Math.max(max, waitOf(c)), 0);
  const reassign = (chat: LiveChat) =>
    chat.abilities.transfer ? (
      reassigning === chat.ticketId ? (
        <TransferForm
          number={chat.number}
          onDone={(outcome) => {
            setReassigning(null);
            setNotice(t('board.reassigned', { number: chat.number, state: label('chatState', outcome) }));
            reload();
          }}
        />
      ) : (
        <button type="button" onClick={() => setReassigning(chat.ticketId)} aria-label={t('board.reassignChat', { number: chat.number })}>
          {t('board.reassign')}
        </button>
      )
    ) : null;

  const chatRows = (chats: LiveChat[], waiting: boolean) =>
    chats.map((chat) => (
      <tr key={chat.ticketId}>
        <th scope="row">{chat.number}</th>
        <td>{chat.customer.name ?? t('ticket.author.customer')}</td>
        <td>{chat.team?.name ?? '—'}</td>
        <td>
          {label('category', chat.topic)} · {chat.locale}
        </td>
        <td>{waiting ? clock(waitOf(chat)) : (chat.agent?.name ?? '—')}</td>
        <td>{reassign(chat)}</td>
      </tr>
    ));

  return (
    <div className="board">
      <h1>{t('board.title')}</h1>
      {notice ? <p className="notice" role="status">{notice}</p> : null}
      <dl className="board-stats">
        <div>
          <dt>{t('board.waiting')}</dt>
          <dd aria-label={t('board.waiting')}>{queue.items.length}</dd>
        </div>
        <div>
          <dt>{t('board.longestWait')}</dt>
          <dd aria-label={t('board.longestWait')}>{queue.items.length ? clock(longest) : '—'}</dd>
        </div>
        <div>
          <dt>{t('board.agentsOnline')}</dt>
          <dd aria-label={t('board.agentsOnline')}>{queue.agents.filter((a) => a.status === 'online').length}</dd>
        </div>
      </dl>
      <ChatTable id="board-waiting" title={t('board.waitingChats')} empty={t('chats.queueEmpty')} lastColumn={t('board.col.wait')}>
        {chatRows(queue.items, true)}
      </ChatTable>
      <AgentsTable agents={queue.agents} canSet={queue.abilities.setOthersAvailability} onChanged={reload} />
      <ChatTable id="board-active" title={t('board.activeChats')} empty={t('board.noActive')} lastColumn={t('board.col.agent')}>
        {chatRows(queue.active ?? [], false)}
      </ChatTable>
      {/* The second pair of eyes finds every pending unfreeze here, not only on the ticket. */}
      <UnfreezeRequests />
    </div>
  );
}

/** A table of chats on the board (waiting, or being answered). */
function ChatTable({ id, title, empty, lastColumn, children }: { id: string; title: string; empty: string; lastColumn: string; children: ReactNode[] }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children.length === 0 ? <p className="empty">{empty}</p> : null}
      <table className="board-table" aria-labelledby={id}>
        <thead>
          <tr>
            <th scope="col">{t('board.col.chat')}</th>
            <th scope="col">{t('ticket.customer')}</th>
            <th scope="col">{t('board.col.team')}</th>
            <th scope="col">{t('board.col.topic')}</th>
            <th scope="col">{lastColumn}</th>
            <th scope="col">{t('board.col.actions')}</th>
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </section>
  );
}
