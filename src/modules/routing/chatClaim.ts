import type { AppContext } from '../../context.js';
import type { Tx } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/errors.js';
import type { AgentActor } from '../identity/actor.js';
import { loadTicketForActor } from '../tickets/queries.js';
import { actorRef, type TicketRow } from '../tickets/ticketEvents.js';
import { claimChat, routingTransaction, type Move } from './chatMoves.js';
import { chatPolicy, type ChatAbility, type ChatFacts } from './policies.js';
import type { ChatRow, ChatState } from './queue.js';
import { routingOf } from './routingState.js';
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

/** What every agent action on one chat receives. */
export interface ChatCommandArgs {
  ctx: AppContext;
  actor: AgentActor;
  /** Ticket id or number. */
  ticketId: string;
}

interface Action {
  /** States the chat must be in; any other answers 409. */
  states: readonly ChatState[];
  /** The policy rule the caller must pass; failing it answers 403 with `denied`. */
  ability: ChatAbility;
  denied: string;
}

/**
 * The frame of accept, transfer and end: one routing transaction that claims the chat in an
 * allowed state, checks the caller's ability, then runs the move attributed to the caller.
 */
export function actOnChat<T>({ ctx, actor, ticketId }: ChatCommandArgs, action: Action, move: (claimed: ClaimedChat, m: Move) => Promise<T>): Promise<T> {
  const now = routingOf(ctx).now();
  return routingTransaction(ctx, async (trx) => {
    const claimed = await claimChatFor(trx, actor, ticketId, action.states, now);
    if (!chatPolicy[action.ability](actor, claimed.facts)) throw new AppError('forbidden', action.denied);
    return move(claimed, { trx, now, by: actorRef(actor) });
  });
}
