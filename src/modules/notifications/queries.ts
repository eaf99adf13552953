import type { DbOrTx } from '../../platform/db/index.js';
import { decodeCursor } from '../../platform/http/pagination.js';

/** An agent's notifications, newest first, with what the console shows beside each. */
export async function listNotifications(db: DbOrTx, agentId: string, opts: { unread?: boolean; cursor?: string; limit: number }) {
  let q = db
    .selectFrom('notifications as n')
    .innerJoin('tickets as t', 't.id', 'n.ticket_id')
    .leftJoin('messages as m', 'm.id', 'n.message_id')
    .leftJoin('agents as a', 'a.id', 'n.actor_id')
    .select(['n.id', 'n.kind', 'n.created_at', 'n.read_at', 't.id as ticket_id', 't.number', 't.subject', 'm.body', 'a.id as actor_id', 'a.name as actor_name'])
    .where('n.agent_id', '=', agentId)
    .orderBy('n.id', 'desc')
    .limit(opts.limit + 1);
  if (opts.unread) q = q.where('n.read_at', 'is', null);
  if (opts.cursor) q = q.where('n.id', '<', decodeCursor(opts.cursor));
  return q.execute();
}

export type NotificationRow = Awaited<ReturnType<typeof listNotifications>>[number];

export async function unreadCount(db: DbOrTx, agentId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('agent_id', '=', agentId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
