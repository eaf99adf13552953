import type { DomainEvent } from '../../platform/bus/bus.js';
import type { DbOrTx } from '../../platform/db/index.js';
import { textCatalogue } from '../../platform/i18n/catalogue.js';

/**
 * What the web chat shows as live state (place in the queue, an agent joining, the end), said in
 * words for messaging apps that have no widget (Telegram, the generic connector), in the
 * conversation's language. Moving up the queue is not announced: one message per place is noise.
 */
const en = {
  queued: 'You are number {position} in line for a support agent; the estimated wait is about {minutes} min. Keep writing here; everything you send is kept.',
  assigned: '{agent} from the support team has joined the conversation.',
  assignedNoName: 'A support agent has joined the conversation.',
  ended: 'This conversation has ended. Write here any time to start a new one.',
} as const;

type Key = keyof typeof en;

const zhCN: Record<Key, string> = {
  queued: '您目前排在第 {position} 位，预计等待约 {minutes} 分钟。您可以继续在这里留言，所有内容都会保留。',
  assigned: '客服 {agent} 已加入对话。',
  assignedNoName: '人工客服已加入对话。',
  ended: '本次对话已结束。如有其他问题，随时在这里发送消息即可开始新的对话。',
};

const ko: Record<Key, string> = {
  queued: '현재 대기 순번은 {position}번이며, 예상 대기 시간은 약 {minutes}분입니다. 기다리시는 동안 이곳에 계속 메시지를 남기셔도 모두 저장됩니다.',
  assigned: '고객지원팀 {agent} 상담원이 대화에 참여했습니다.',
  assignedNoName: '상담원이 대화에 참여했습니다.',
  ended: '상담이 종료되었습니다. 다른 문의가 있으시면 언제든 이곳에 메시지를 보내 새 상담을 시작하세요.',
};

const words = textCatalogue<Key>({ en, 'zh-CN': zhCN, ko });

/** The `chat.updated` events worth saying (the `when` filter of the announcing jobs). */
export const isAnnouncedChatState = (e: DomainEvent): boolean => (e.payload.state === 'queued' && !e.payload.movedUp) || e.payload.state === 'assigned' || e.payload.state === 'ended';

/** The words for one `chat.updated` event on a conversation of `channel`, or null when it is another channel's. */
export async function chatStateWords(db: DbOrTx, event: DomainEvent, channel: 'telegram' | 'connector') {
  const p = event.payload as { ticketId: string; state: string; agentId?: string | null; position?: number; etaSeconds?: number };
  const ticket = await db.selectFrom('tickets').select(['id', 'channel', 'customer_id', 'locale']).where('id', '=', p.ticketId).executeTakeFirst();
  if (!ticket || ticket.channel !== channel) return null;
  let text: string;
  if (p.state === 'queued') text = words(ticket.locale, 'queued', { position: p.position ?? 1, minutes: Math.max(1, Math.ceil((p.etaSeconds ?? 60) / 60)) });
  else if (p.state === 'ended') text = words(ticket.locale, 'ended');
  else {
    const agent = p.agentId ? await db.selectFrom('agents').select('name').where('id', '=', p.agentId).executeTakeFirst() : undefined;
    text = agent ? words(ticket.locale, 'assigned', { agent: agent.name.split(/\s+/)[0]! }) : words(ticket.locale, 'assignedNoName');
  }
  return { ticket, state: p.state, text };
}
