import type { AppContext } from '../../../context.js';
import { recogniseIntents } from '../../bot/index.js';
import { outboundEmailComposer } from '../../channels/email/commands/outboundEmailComposer.js';
import type { Channel } from '../../tickets/categories.js';
import { automatedMessageWriter } from '../../tickets/commands/automatedMessageWriter.js';
import { addTicketEvent, systemRef } from '../../tickets/ticketEvents.js';
import { securityText } from '../locales/index.js';
import { escalateToSecurity, internalNote, officialHotline } from './securityDesk.js';

/** Channels where a customer writes once and waits — the bot does not converse there, so this reads for it. */
export const intakeChannels: ReadonlySet<Channel> = new Set<Channel>(['email', 'web']);

/** The bot's intent for "my account was hacked" (defaults/intents.yaml), which starts the chat's emergency flow. */
const HACKED_INTENT = 'account_hacked';

/**
 * "My account was hacked" arriving by email or through the portal's form: recognised by the bot's
 * own model (the chat's decision, not a second keyword list), the ticket becomes the security
 * team's urgent case and the customer gets, in their language, what happens now, how to freeze
 * the account themselves, and the seeds' evidence checklist. Nothing is frozen from here: an
 * email's sender or a form's author is no proof of identity, so the freeze is offered through the
 * chat, where a signed-in customer or a code to the bound email/phone proves it. Once per ticket.
 */
export async function emergencyIntake(ctx: AppContext, payload: Record<string, unknown>): Promise<boolean> {
  const ticketId = String(payload.ticketId ?? '');
  const ticket = await ctx.db.selectFrom('tickets').selectAll().where('id', '=', ticketId).executeTakeFirst();
  if (!ticket || !intakeChannels.has(ticket.channel)) return false;
  const first = await ctx.db.selectFrom('messages').select('body').where('id', '=', String(payload.messageId ?? '')).executeTakeFirst();
  // The subject and the opening paragraph are judged on their own: a long email dilutes its first line.
  const paragraphs = (first?.body ?? '').split(/\n\s*\n/).slice(0, 2);
  const recognised = await recogniseIntents(ctx, [ticket.subject, ...paragraphs]);
  const hit = recognised.find((r) => r.intent === HACKED_INTENT);
  if (!hit) return false;
  const customer = await ctx.db.selectFrom('customers').select(['external_id']).where('id', '=', ticket.customer_id).executeTakeFirst();
  const hotline = await officialHotline(ctx.db);
  const locale = ticket.locale;
  const reply = [
    securityText(locale, 'intakeReply', { number: ticket.number }),
    ...(customer?.external_id ? [securityText(locale, 'intakeFreezeInChat')] : []),
    securityText(locale, 'selfFreezeUnverified', { hotline: hotline ? securityText(locale, 'hotline', { phone: hotline }) : '' }),
    securityText(locale, 'checklist'),
  ].join('\n\n');
  return ctx.transaction(async (trx) => {
    const done = await trx.selectFrom('ticket_events').select('id').where('ticket_id', '=', ticket.id).where('type', '=', 'emergency_recognised').executeTakeFirst();
    if (done) return false;
    const current = await trx.selectFrom('tickets').selectAll().where('id', '=', ticket.id).executeTakeFirstOrThrow();
    const escalated = await escalateToSecurity(trx, current, systemRef);
    const message = await automatedMessageWriter(trx, escalated, 'system', { body: reply, meta: { emergency: 'account_hacked' } });
    await internalNote(trx, escalated, securityText(locale, 'note.intake', { channel: ticket.channel }), { emergency: 'account_hacked' });
    await addTicketEvent(trx, ticket.id, systemRef, 'emergency_recognised', { channel: ticket.channel, intent: hit.intent, confidence: Number(hit.confidence.toFixed(3)) });
    // Email delivers agents' replies only; this one goes out on the customer's thread as well.
    if (ticket.channel === 'email') await outboundEmailComposer(trx, { ctx, kind: 'reply', ticketId: ticket.id, messageId: message.id, dedupeKey: `emergency:${ticket.id}` });
    return true;
  });
}
