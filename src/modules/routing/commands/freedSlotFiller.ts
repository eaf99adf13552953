import type { AppContext } from '../../../context.js';
import { systemRef } from '../../tickets/ticketEvents.js';
import { fillSlots, routingTransaction } from '../chatMoves.js';
import { announceQueues } from '../queue.js';
import { routingOf } from '../routingState.js';

/**
 * A chat ended somewhere else (the customer closed it in the widget; the chat module records
 * `chat.updated` with state `ended`): the agent who answered it has a slot free, or — if it was
 * still waiting — everyone behind it moved up. Both steps are safe to repeat, so the event may
 * arrive twice or on every node; when routing itself ended the chat they find nothing to do.
 */
export async function freedSlotFiller(ctx: AppContext, ended: { agentId: string | null; teamId: string | null }): Promise<void> {
  const now = routingOf(ctx).now();
  await routingTransaction(ctx, async (trx) => {
    if (ended.agentId) await fillSlots({ trx, now, by: systemRef }, ended.agentId);
    else if (ended.teamId) await announceQueues(trx, [ended.teamId], now);
  });
}
