import type { AppContext } from '../../../../context.js';
import { containsText } from '../../../../platform/db/text.js';
import { outboundEmailComposer } from './outboundEmailComposer.js';

/** More automatic emails than this to one address in an hour look like a loop with a robot: stop. */
const MAX_AUTOMATIC_PER_HOUR = 3;

/**
 * After a ticket opens by email, or a guest opens one on the web form: tell them its number
 * (and, without an exchange account, the signed link to follow it), in their language. Signed-in
 * customers follow their tickets in the portal. A durable job per ticket; a repeat composes
 * nothing (dedupe key `ack:<ticket>`).
 */
export async function emailAcknowledger(ctx: AppContext, payload: Record<string, unknown>): Promise<void> {
  const ticketId = String(payload.ticketId);
  const channel = String(payload.channel);
  await ctx.transaction(async (trx) => {
    const ticket = await trx
      .selectFrom('tickets')
      .innerJoin('customers', 'customers.id', 'tickets.customer_id')
      .select(['customers.email', 'customers.verified'])
      .where('tickets.id', '=', ticketId)
      .executeTakeFirst();
    if (!ticket?.email || (channel !== 'email' && ticket.verified)) return;
    const since = new Date(Date.now() - 3600_000).toISOString();
    const recent = await trx
      .selectFrom('email_messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('direction', '=', 'outbound')
      .where('kind', 'in', ['acknowledgement', 'guest_link'])
      .where('created_at', '>', since)
      .where((eb) => containsText(eb.ref('recipients'), `"${ticket.email}"`))
      .executeTakeFirstOrThrow();
    if (Number(recent.n) >= MAX_AUTOMATIC_PER_HOUR) {
      ctx.log.info({ ticketId }, 'email: acknowledgement skipped (too many automatic emails to this address this hour)');
      return;
    }
    await outboundEmailComposer(trx, { ctx, kind: channel === 'email' ? 'acknowledgement' : 'guest_link', ticketId, dedupeKey: `ack:${ticketId}` });
  });
}
