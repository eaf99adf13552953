import { AppError } from '../../../platform/http/errors.js';
import { checkAssignee } from '../../tickets/assignment.js';
import { addTicketEvent, systemRef } from '../../tickets/ticketEvents.js';
import { actOnChat, type ChatCommandArgs } from '../chatClaim.js';
import { assignChat, fillSlots, routeToTeam, type RouteOutcome } from '../chatMoves.js';
import { activeChatCounts, lockPresences, presentMembers } from '../presence.js';
import { announceQueues } from '../queue.js';
import { loadTeam } from '../teams.js';

export type TransferTarget = { agentId: string; teamId?: undefined } | { teamId: string; agentId?: undefined };

/**
 * Hands a chat to another agent (who must be online with a free slot: 409 otherwise) or to a
 * team (routed by that team's rule: assigned, queued or left as a message). The agent who let
 * it go has a slot free, which the oldest chat waiting in their teams then takes.
 */
export function chatTransferrer(args: ChatCommandArgs & { to: TransferTarget }): Promise<{ ticketId: string; outcome: RouteOutcome }> {
  const { to } = args;
  const rule = { states: ['assigned', 'queued'], ability: 'transfer', denied: 'Only the agent answering this chat, or a supervisor, can transfer it.' } as const;
  return actOnChat(args, rule, async ({ chat, ticket, facts }, m) => {
    const { trx } = m;
    const fromAgent = facts.assigneeId;

    let outcome: RouteOutcome;
    if (to.agentId !== undefined) {
      if (to.agentId === fromAgent) throw new AppError('field_invalid', 'This agent is already answering the chat.', 'agentId');
      await checkAssignee(trx, to.agentId, 'agentId');
      // Both presence rows in one statement, in id order, so opposite transfers cannot deadlock.
      const locked = await lockPresences(trx, [to.agentId, ...(fromAgent ? [fromAgent] : [])]);
      const target = locked.find((p) => p.agentId === to.agentId);
      const load = (await activeChatCounts(trx, [to.agentId])).get(to.agentId) ?? 0;
      if (target?.status !== 'online' || load >= target.maxChats) {
        throw new AppError('conflict', 'This agent cannot take the chat now (away, offline or at their chat limit); transfer to their team to queue it.');
      }
      await assignChat(m, chat, ticket, to.agentId, chat.team_id);
      outcome = { state: 'assigned', teamId: chat.team_id, agentId: to.agentId };
    } else {
      const team = await loadTeam(trx, to.teamId);
      if (!team) throw new AppError('field_invalid', 'No team has this id.', 'teamId');
      const online = (await presentMembers(trx, [team.id])).map((p) => p.agentId);
      await lockPresences(trx, [...online, ...(fromAgent ? [fromAgent] : [])]);
      outcome = await routeToTeam(m, chat, ticket, team, ticket.locale, fromAgent);
    }

    await addTicketEvent(trx, ticket.id, m.by, 'chat_transferred', {
      from: { agentId: fromAgent, teamId: chat.team_id }, to: { agentId: to.agentId ?? null, teamId: to.teamId ?? null }, result: outcome.state,
    });
    if (chat.state === 'queued' && chat.team_id) await announceQueues(trx, [chat.team_id], m.now);
    if (fromAgent) await fillSlots({ ...m, by: systemRef }, fromAgent, [ticket.id]);
    return { ticketId: ticket.id, outcome };
  });
}
