import type { AppContext } from '../../../../context.js';
import type { Tx } from '../../../../platform/db/index.js';
import { enqueueJob } from '../../../../platform/jobs/jobs.js';
import { guestLinkFor } from '../../../tickets/guestLinks.js';
import { insertEmailRow } from '../emailRows.js';
import { newMessageId } from '../messageIds.js';
import type { OutboundKind } from '../outbound/templates.js';
import { parseFrom } from '../settings.js';

export const SEND_EMAIL_JOB = 'email.send';
/** The thread headers carry at most this many Message-IDs (the newest), as mail programs do. */
const MAX_REFERENCES = 20;

interface Args {
  ctx: AppContext;
  kind: OutboundKind;
  ticketId: string;
  /** reply: the agent's message it carries. */
  messageId?: string;
  /** One email per purpose: a repeated job run composes nothing new. */
  dedupeKey: string;
}

/**
 * Records an email to send — recipients, subject, our Message-ID and the thread headers
 * (In-Reply-To the customer's latest email, References the ticket's chain) — and enqueues its
 * sending, in one transaction. The `email.send` job renders and sends it, retrying with backoff.
 * Returns false when there is nobody to write to or it was composed before.
 */
export async function outboundEmailComposer(trx: Tx, { ctx, kind, ticketId, messageId, dedupeKey }: Args): Promise<boolean> {
  if (!ctx.config.SMTP_URL || !ctx.config.EMAIL_FROM) return false;
  const from = parseFrom(ctx.config.EMAIL_FROM);
  const ticket = await trx
    .selectFrom('tickets')
    .innerJoin('customers', 'customers.id', 'tickets.customer_id')
    .select(['tickets.id', 'tickets.number', 'tickets.subject', 'tickets.locale', 'customers.email', 'customers.verified'])
    .where('tickets.id', '=', ticketId)
    .executeTakeFirst();
  if (!ticket?.email) return false;
  const cc =
    kind === 'reply'
      ? (await trx.selectFrom('email_participants').select('address').where('ticket_id', '=', ticketId).orderBy('created_at').execute()).map((p) => p.address).filter((a) => a !== ticket.email)
      : [];
  const chain = await trx
    .selectFrom('email_messages')
    .select(['message_id_header', 'direction'])
    .where('ticket_id', '=', ticketId)
    .where('message_id_header', 'is not', null)
    .where('state', '!=', 'failed')
    .orderBy('id')
    .execute();
  const lastInbound = [...chain].reverse().find((c) => c.direction === 'inbound')?.message_id_header ?? null;
  const references = chain.map((c) => c.message_id_header!).slice(-MAX_REFERENCES);
  const domain = from.address.split('@')[1]!;
  const id = await insertEmailRow(trx, {
    direction: 'outbound',
    kind,
    state: 'queued',
    dedupe_key: dedupeKey,
    message_id_header: newMessageId(ctx.secret, domain),
    ticket_id: ticketId,
    message_id: messageId ?? null,
    from_address: from.address,
    recipients: JSON.stringify({ to: [ticket.email], cc }),
    subject: ticket.subject,
    in_reply_to: lastInbound,
    references: JSON.stringify(references),
    // Customers without an exchange account follow the ticket through a signed link.
    payload: JSON.stringify({ locale: ticket.locale, link: ticket.verified ? null : guestLinkFor(ctx, ticketId) }),
  });
  if (!id) return false;
  await enqueueJob(trx, SEND_EMAIL_JOB, { emailId: id }, { key: id });
  return true;
}
