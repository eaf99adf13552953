import type { AppContext } from '../../../../context.js';
import { automatedMessageWriter } from '../../../tickets/commands/automatedMessageWriter.js';
import type { InboundOrigin, InboundResult } from '../../adapters.js';
import { inboundColumns, insertEmailRow } from '../emailRows.js';
import type { NormalisedEmail } from '../inbound/normalise.js';
import { emailText } from '../locales/index.js';

/**
 * A delivery status notification about mail we sent: the outbound row turns `bounced` with the
 * server's words and agents get a note on the ticket. Never answered; a bounce about nothing of
 * ours is kept aside for admins.
 */
export async function bounceRecorder(ctx: AppContext, email: NormalisedEmail, origin: InboundOrigin): Promise<InboundResult> {
  const ids = email.bounce?.messageIds ?? [];
  return ctx.transaction(async (trx) => {
    const ours = ids.length
      ? await trx.selectFrom('email_messages').select(['id', 'ticket_id', 'recipients', 'state']).where('direction', '=', 'outbound').where('message_id_header', 'in', ids).execute()
      : [];
    const ticketId = ours.find((o) => o.ticket_id)?.ticket_id ?? null;
    const id = await insertEmailRow(trx, {
      ...inboundColumns(email, origin.source),
      kind: 'bounce',
      state: ticketId ? 'stored' : 'ignored',
      ticket_id: ticketId,
      error: email.bounce?.diagnostic ?? null,
      payload: JSON.stringify({ recipient: email.bounce?.recipient ?? null, about: ids }),
    });
    if (!id) return { outcome: 'duplicate', ticketId, created: false };
    const diagnostic = email.bounce?.diagnostic ?? null;
    for (const row of ours.filter((o) => o.state !== 'bounced')) {
      await trx.updateTable('email_messages').set({ state: 'bounced', error: diagnostic ?? 'bounced' }).where('id', '=', row.id).execute();
    }
    const ticket = ticketId ? await trx.selectFrom('tickets').select(['id', 'number', 'customer_id', 'channel', 'locale']).where('id', '=', ticketId).executeTakeFirst() : undefined;
    if (ticket) {
      const recipient = email.bounce?.recipient ?? (JSON.parse(ours[0]!.recipients) as { to?: string[] }).to?.join(', ') ?? '';
      const body = emailText(ticket.locale, 'bounceNote', { recipient, diagnostic: diagnostic ?? emailText(ticket.locale, 'unknownDiagnostic') });
      await automatedMessageWriter(trx, ticket, 'system', { body, meta: { emailBounce: { recipient, about: ids } }, visibility: 'internal' });
    }
    return { outcome: ticket ? 'stored' : 'ignored', ticketId, created: false };
  });
}
