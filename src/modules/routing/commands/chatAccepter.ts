import { AppError } from '../../../platform/http/errors.js';
import { actOnChat, type ChatCommandArgs } from '../chatClaim.js';
import { assignChat } from '../chatMoves.js';
import { activeChatCounts, lockPresence } from '../presence.js';
import { announceQueues } from '../queue.js';

/**
 * An agent picks a waiting chat from the queue. The conditional claim (`state = 'queued'`)
 * settles a race between two agents: the second finds it taken and gets 409. The agent's own
 * presence row is locked before counting their chats, so two accepts at once cannot take them
 * past max_chats either. Returns the ticket id.
 */
export function chatAccepter(args: ChatCommandArgs): Promise<string> {
  const { actor } = args;
  const rule = { states: ['queued'], ability: 'accept', denied: "Only members of the chat's team (or supervisors) can accept it." } as const;
  return actOnChat(args, rule, async ({ chat, ticket }, m) => {
    const presence = await lockPresence(m.trx, actor.agentId);
    const load = (await activeChatCounts(m.trx, [actor.agentId])).get(actor.agentId) ?? 0;
    if (load >= presence.maxChats) {
      throw new AppError('conflict', `You are answering ${load} chats, your limit is ${presence.maxChats}; end one or raise your limit first.`);
    }
    await assignChat(m, chat, ticket, actor.agentId, chat.team_id);
    if (chat.team_id) await announceQueues(m.trx, [chat.team_id], m.now);
    return ticket.id;
  });
}
