import type { AppContext } from '../../../context.js';
import { systemRef } from '../../tickets/ticketEvents.js';
import { claimChat, leaveMessage, routingTransaction, type Move } from '../chatMoves.js';
import { isOpenAt } from '../hours.js';
import { presentMembers } from '../presence.js';
import { routingOf } from '../routingState.js';
import { loadTeam } from '../teams.js';
import { lockTicket } from '../ticketRouting.js';

/**
 * Queued chats stay queued while their team is open and someone on it is online or away (an
 * away agent is on a short break and will pick up again). When the team closes, or its last
 * member goes offline, nobody will answer: each waiting chat becomes a left message (留言)
 * with its ticket number, exactly as if it had arrived then. Returns how many chats moved.
 */
export async function sweepTeams(m: Move, teamIds: readonly string[] | null): Promise<number> {
  let q = m.trx.selectFrom('chats').select('team_id').distinct().where('state', '=', 'queued').where('team_id', 'is not', null);
  if (teamIds) q = q.where('team_id', 'in', teamIds.length ? [...teamIds] : ['']);
  let moved = 0;
  for (const { team_id: teamId } of await q.execute()) {
    const team = teamId ? await loadTeam(m.trx, teamId) : undefined;
    if (!team) continue;
    const open = isOpenAt(team.hours, m.now);
    if (open && (await presentMembers(m.trx, [team.id])).length > 0) continue;
    const waiting = await m.trx.selectFrom('chats').select('ticket_id').where('state', '=', 'queued').where('team_id', '=', team.id).orderBy('queued_at').execute();
    for (const { ticket_id } of waiting) {
      // Claimed one by one: an agent may be accepting one of them right now on another node.
      const chat = await claimChat(m.trx, ticket_id, ['queued'], m.now);
      if (!chat) continue;
      const ticket = await lockTicket(m.trx, ticket_id);
      await leaveMessage(m, chat, ticket, team.id, open ? 'nobody_available' : 'outside_hours', ticket.locale);
      moved += 1;
    }
  }
  return moved;
}

/** Sweeps every team's queue; run every minute on each node (idempotent) and by tests with their clock. */
export function queueSweeper(ctx: AppContext): Promise<number> {
  const now = routingOf(ctx).now();
  return routingTransaction(ctx, (trx) => sweepTeams({ trx, now, by: systemRef }, null));
}
