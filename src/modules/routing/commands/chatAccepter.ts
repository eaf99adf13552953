import type { AppContext } from '../../../context.js';
import { AppError } from '../../../platform/http/errors.js';
import type { AgentActor } from '../../identity/actor.js';
import { actorRef } from '../../tickets/ticketEvents.js';
import { claimChatFor } from '../chatClaim.js';
import { assignChat, routingTransaction } from '../chatMoves.js';
import { chatPolicy } from '../policies.js';
import { activeChatCounts, lockPresence } from '../presence.js';
import { announceQueues } from '../queue.js';
import { routingOf } from '../routingState.js';

interface Args {
  ctx: AppContext;
  actor: AgentActor;
  ticketId: string;
}

/**
 * An agent picks a waiting chat from the queue. The conditional claim (`state = 'queued'`)
 * settles a race between two agents: the second finds it taken and gets 409. The agent's own
 * presence row is locked before counting their chats, so two accepts at once cannot take them
 * past max_chats either.
 */
export async function chatAccepter({ ctx, actor, ticketId }: Args): Promise<string> {
  const now = routingOf(ctx).now();
  return routingTransaction(ctx, async (trx) => {
    const { chat, ticket, facts } = await claimChatFor(trx, actor, ticketId, ['queued'], now);
    if (!chatPolicy.accept(actor, facts)) throw new AppError('forbidden', "Only members of the chat's team (or supervisors) can accept it.");

    const presence = await lockPresence(trx, actor.agentId);
    const load = (await activeChatCounts(trx, [actor.agentId])).get(actor.agentId) ?? 0;
    if (load >= presence.maxChats) {
      throw new AppError('conflict', `You are answering ${load} chats, your limit is ${presence.maxChats}; end one or raise your limit first.`);
    }
    await assignChat({ trx, now, by: actorRef(actor) }, chat, ticket, actor.agentId, chat.team_id);
    if (chat.team_id) await announceQueues(trx, [chat.team_id], now);
    return ticket.id;
  });
}
