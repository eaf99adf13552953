import { canTransition } from '../../tickets/statusMachine.js';
import { addTicketEvent, systemRef } from '../../tickets/ticketEvents.js';
import { actOnChat, type ChatCommandArgs } from '../chatClaim.js';
import { fillSlots } from '../chatMoves.js';
import { announceQueues, recordChatUpdated } from '../queue.js';
import { applyTicketChanges } from '../ticketRouting.js';

/**
 * Ends a live chat; with `solve` (the default) its ticket is marked solved too, which a
 * customer's reply reopens as for any ticket. The ticket keeps its assignee (they follow up)
 * but the agent's slot is free, so the oldest chat waiting in their teams comes next.
 */
export function chatEnder(args: ChatCommandArgs & { solve: boolean }): Promise<string> {
  const rule = { states: ['bot', 'queued', 'assigned'], ability: 'end', denied: 'Only the agent answering this chat, or a supervisor, can end it.' } as const;
  return actOnChat(args, rule, async ({ chat, ticket, facts }, m) => {
    const at = m.now.toISOString();
    await m.trx.updateTable('chats').set({ state: 'ended', ended_at: at, updated_at: at }).where('ticket_id', '=', chat.ticket_id).execute();
    if (args.solve && canTransition(ticket.status, 'solved')) await applyTicketChanges(m.trx, ticket, { status: 'solved' }, m.by);
    await addTicketEvent(m.trx, ticket.id, m.by, 'chat_ended', { from: chat.state });
    await recordChatUpdated(m.trx, { ticketId: ticket.id, state: 'ended', teamId: chat.team_id, agentId: facts.assigneeId, ticketNumber: ticket.number });
    if (chat.state === 'queued' && chat.team_id) await announceQueues(m.trx, [chat.team_id], m.now);
    if (facts.assigneeId) await fillSlots({ ...m, by: systemRef }, facts.assigneeId);
    return ticket.id;
  });
}
