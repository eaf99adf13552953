import type { AppContext } from '../../../context.js';
import { recordEvent } from '../../../platform/bus/outbox.js';
import { AppError } from '../../../platform/http/errors.js';
import type { AgentActor, RequestOrigin } from '../../identity/actor.js';
import { audit } from '../../identity/audit.js';
import { systemRef } from '../../tickets/ticketEvents.js';
import { fillSlots, routingTransaction } from '../chatMoves.js';
import { activeChatCounts, lockPresence, type Presence, type PresenceStatus } from '../presence.js';
import { routingOf } from '../routingState.js';
import { teamIdsOf } from '../teams.js';
import { sweepTeams } from './queueSweeper.js';

interface Args {
  ctx: AppContext;
  actor: AgentActor;
  agentId: string;
  status: PresenceStatus;
  maxChats?: number;
  origin: RequestOrigin;
}

export interface AvailabilityResult {
  presence: Presence;
  activeChats: number;
}

/**
 * Sets an agent's availability. Online with room → the oldest waiting chats of their teams are
 * assigned at once; offline → queues left with nobody online or away turn into left messages.
 * A supervisor changing someone else's availability is audited.
 */
export async function availabilitySetter({ ctx, actor, agentId, status, maxChats, origin }: Args): Promise<AvailabilityResult> {
  const now = routingOf(ctx).now();
  return routingTransaction(ctx, async (trx) => {
    const agent = await trx.selectFrom('agents').select(['id', 'disabled']).where('id', '=', agentId).executeTakeFirst();
    if (!agent) throw new AppError('not_found', 'No such agent.');
    if (agent.disabled && status !== 'offline') throw new AppError('field_invalid', 'A disabled agent can only be offline.', 'status');

    const before = await lockPresence(trx, agentId);
    const presence: Presence = { agentId, status, maxChats: maxChats ?? before.maxChats, updatedAt: now.toISOString() };
    await trx.updateTable('agent_presence').set({ status, max_chats: presence.maxChats, updated_at: presence.updatedAt! }).where('agent_id', '=', agentId).execute();
    await recordEvent(trx, 'agent.presence_changed', { agentId, status, maxChats: presence.maxChats, previous: before.status });
    if (actor.agentId !== agentId) {
      await audit(trx, {
        actor, action: 'agent.availability_changed', targetType: 'agent', targetId: agentId, origin,
        details: { from: { status: before.status, maxChats: before.maxChats }, to: { status, maxChats: presence.maxChats } },
      });
    }

    const m = { trx, now, by: systemRef };
    if (status === 'online') await fillSlots(m, agentId);
    if (status === 'offline' && before.status !== 'offline') await sweepTeams(m, await teamIdsOf(trx, agentId));
    const activeChats = (await activeChatCounts(trx, [agentId])).get(agentId) ?? 0;
    return { presence, activeChats };
  });
}

/**
 * For the real-time gateway: an online agent whose last socket dropped is marked away (not
 * offline, so their queues keep waiting for their return). Does nothing for anyone not online.
 */
export async function markAgentAway(ctx: AppContext, agentId: string): Promise<boolean> {
  const at = routingOf(ctx).now().toISOString();
  return ctx.transaction(async (trx) => {
    const row = await trx
      .updateTable('agent_presence')
      .set({ status: 'away', updated_at: at })
      .where('agent_id', '=', agentId)
      .where('status', '=', 'online')
      .returning('max_chats')
      .executeTakeFirst();
    if (row) await recordEvent(trx, 'agent.presence_changed', { agentId, status: 'away', maxChats: row.max_chats, previous: 'online' });
    return !!row;
  });
}
