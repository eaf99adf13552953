import { recordEvent } from '../../../platform/bus/outbox.js';
import type { DbOrTx } from '../../../platform/db/index.js';
import { newId, nowIso } from '../../../platform/db/ids.js';
import type { NotificationsTable } from '../../../platform/db/schema.js';

export const NOTIFICATION_CREATED = 'notification.created';

/**
 * Notifies one agent on the caller's transaction and announces it (`notification.created`, for
 * the agent's socket). At most one per agent, message and kind: a retried job adds nothing and
 * announces nothing. Returns whether it was new.
 */
export async function notificationWriter(
  trx: DbOrTx,
  n: { agentId: string; kind: NotificationsTable['kind']; ticketId: string; messageId: string; actorId: string | null },
): Promise<boolean> {
  const id = newId();
  const inserted = await trx
    .insertInto('notifications')
    .values({ id, agent_id: n.agentId, kind: n.kind, ticket_id: n.ticketId, message_id: n.messageId, actor_id: n.actorId, created_at: nowIso(), read_at: null })
    .onConflict((oc) => oc.columns(['agent_id', 'message_id', 'kind']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return false;
  await recordEvent(trx, NOTIFICATION_CREATED, { notificationId: id, agentId: n.agentId, ticketId: n.ticketId, kind: n.kind });
  return true;
}
