import type { Tx } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/errors.js';
import type { AgentActor } from '../identity/actor.js';
import { loadTicketForActor } from '../tickets/queries.js';
import { claimChat } from './chatMoves.js';
import type { ChatFacts } from './policies.js';
import type { ChatRow, ChatState } from './queue.js';
import type { TicketRow } from '../tickets/ticketEvents.js';
import { lockTicket } from './ticketRouting.js';
import { teamIdsOf } from './teams.js';

const stateWords: Record<ChatState, string> = {
  bot: 'is still with the bot',
  queued: 'is waiting in a queue',
  assigned: 'is being answered',
  left_message: 'became a left message (a ticket) and is no longer live',
  ended: 'has ended',
};

export interface ClaimedChat {
  chat: ChatRow;
  ticket: TicketRow;
  facts: ChatFacts;
}

/**
 * The chat behind a ticket id or number, claimed (and on PostgreSQL locked) only if it is in
 * one of `states`. A ticket that is no chat answers 404; a chat in another state — usually
 * because someone else just took, moved or ended it — answers 409 saying where it is now.
 */
export async function claimChatFor(trx: Tx, actor: AgentActor, idOrNumber: string, states: readonly ChatState[], now: Date): Promise<ClaimedChat> {
  const found = await loadTicketForActor(trx, actor, idOrNumber);
  const chat = await claimChat(trx, found.id, states, now);
  if (!chat) {
    const current = await trx.selectFrom('chats').select('state').where('ticket_id', '=', found.id).executeTakeFirst();
    if (!current) throw new AppError('not_found', `Ticket ${found.number} is not a chat.`);
    throw new AppError('conflict', `Chat ${found.number} ${stateWords[current.state]}.`);
  }
  const ticket = await lockTicket(trx, found.id);
  const member = chat.team_id !== null && (await teamIdsOf(trx, actor.agentId)).includes(chat.team_id);
  const assigneeId = chat.state === 'assigned' ? ticket.assignee_id : null;
  return { chat, ticket, facts: { state: chat.state, assigneeId, member } };
}
