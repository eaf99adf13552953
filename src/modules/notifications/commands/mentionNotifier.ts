import type { AppContext } from '../../../context.js';
import { recordEvent } from '../../../platform/bus/outbox.js';
import { newId, nowIso } from '../../../platform/db/ids.js';
import { mentionedEmails } from '../mentions.js';

export const NOTIFICATION_CREATED = 'notification.created';

/**
 * Notifies the colleagues an agent @mentioned in an internal note (not the author, not disabled
 * accounts). Runs as a durable job per note: retried if it fails, and idempotent — a second run
 * finds the notifications already there.
 */
export async function mentionNotifier(ctx: AppContext, messageId: string): Promise<number> {
  return ctx.transaction(async (trx) => {
    const note = await trx
      .selectFrom('messages')
      .select(['id', 'ticket_id', 'body', 'author_id', 'author_type', 'visibility'])
      .where('id', '=', messageId)
      .executeTakeFirst();
    if (!note || note.visibility !== 'internal' || note.author_type !== 'agent') return 0;
    const emails = mentionedEmails(note.body);
    if (emails.length === 0) return 0;
    const agents = await trx.selectFrom('agents').select('id').where('email', 'in', emails).where('disabled', '=', 0).execute();
    const now = nowIso();
    let created = 0;
    for (const agent of agents) {
      if (agent.id === note.author_id) continue;
      const id = newId();
      const inserted = await trx
        .insertInto('notifications')
        .values({ id, agent_id: agent.id, kind: 'mention', ticket_id: note.ticket_id, message_id: note.id, actor_id: note.author_id, created_at: now, read_at: null })
        .onConflict((oc) => oc.columns(['agent_id', 'message_id', 'kind']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) continue;
      created++;
      await recordEvent(trx, NOTIFICATION_CREATED, { notificationId: id, agentId: agent.id, ticketId: note.ticket_id, kind: 'mention' });
    }
    return created;
  });
}
