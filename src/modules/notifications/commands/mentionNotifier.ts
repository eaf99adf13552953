import type { AppContext } from '../../../context.js';
import { mentionedEmails } from '../mentions.js';
import { notificationWriter } from './notificationWriter.js';

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
    let created = 0;
    for (const agent of agents) {
      if (agent.id === note.author_id) continue;
      if (await notificationWriter(trx, { agentId: agent.id, kind: 'mention', ticketId: note.ticket_id, messageId: note.id, actorId: note.author_id })) created++;
    }
    return created;
  });
}
