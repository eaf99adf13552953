import type { AppContext } from '../../../context.js';
import { AppError } from '../../../platform/http/errors.js';
import type { AgentActor } from '../../identity/actor.js';
import { canTransition } from '../../tickets/statusMachine.js';
import { actorRef, addTicketEvent, systemRef } from '../../tickets/ticketEvents.js';
import { claimChatFor } from '../chatClaim.js';
import { fillSlots, routingTransaction } from '../chatMoves.js';
import { chatPolicy } from '../policies.js';
import { announceQueues, recordChatUpdated } from '../queue.js';
import { routingOf } from '../routingState.js';
import { applyTicketChanges } from '../ticketRouting.js';

interface Args {
  ctx: AppContext;
  actor: AgentActor;
  ticketId: string;
  /** Also mark the ticket solved (default): a customer's reply reopens it, as for any ticket. */
  solve: boolean;
}

/**
 * Ends a live chat. The ticket keeps its assignee (they follow up if the customer writes
 * again) but the agent's slot is free, so the oldest chat waiting in their teams comes next.
 */
export async function chatEnder({ ctx, actor, ticketId, solve }: Args): Promise<void> {
  const now = routingOf(ctx).now();
  await routingTransaction(ctx, async (trx) => {
    const { chat, ticket, facts } = await claimChatFor(trx, actor, ticketId, ['bot', 'queued', 'assigned'], now);
    if (!chatPolicy.end(actor, facts)) throw new AppError('forbidden', 'Only the agent answering this chat, or a supervisor, can end it.');
    const at = now.toISOString();
    await trx.updateTable('chats').set({ state: 'ended', ended_at: at, updated_at: at }).where('ticket_id', '=', chat.ticket_id).execute();
    const by = actorRef(actor);
    if (solve && canTransition(ticket.status, 'solved')) await applyTicketChanges(trx, ticket, { status: 'solved' }, by);
    await addTicketEvent(trx, ticket.id, by, 'chat_ended', { from: chat.state });
    await recordChatUpdated(trx, { ticketId: ticket.id, state: 'ended', teamId: chat.team_id, agentId: facts.assigneeId, ticketNumber: ticket.number });
    if (chat.state === 'queued' && chat.team_id) await announceQueues(trx, [chat.team_id], now);
    if (facts.assigneeId) await fillSlots({ trx, now, by: systemRef }, facts.assigneeId);
  });
}
