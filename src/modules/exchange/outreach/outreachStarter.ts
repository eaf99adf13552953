import type { AppContext } from '../../../context.js';
import { recordEvent } from '../../../platform/bus/outbox.js';
import { newId, nowIso } from '../../../platform/db/ids.js';
import { matchLocale } from '../../../platform/i18n/index.js';
import { enqueueJob } from '../../../platform/jobs/jobs.js';
import { outboundEmailComposer } from '../../channels/email/commands/outboundEmailComposer.js';
import { automatedMessageWriter } from '../../tickets/commands/automatedMessageWriter.js';
import { allocateTicketNumber } from '../../tickets/numbers.js';
import { addTicketEvent, systemRef, type TicketRow } from '../../tickets/ticketEvents.js';
import { securityText } from '../locales/index.js';
import { answerChoices, eventName, outreachQuestion } from './wording.js';
import { insertChat } from '../../channels/chat/commands/chatStarter.js';

export const OUTREACH_TIMEOUT_JOB = 'exchange.outreach_timeout';

/**
 * A risk event the exchange sent about one of our customers starts a proactive conversation:
 * a chat ticket (state `left_message`, so the bot stays out of it and no queue picks it up) that
 * the widget lists the next time the verified customer opens it, whose first message asks "was
 * this you?" with yes/no choices — and, when the email channel is configured and the customer has
 * an address, the same question by email on that ticket's thread (a reply lands on the same
 * ticket). The time-out is a durable job at `OUTREACH_TIMEOUT_MINUTES`. Once per risk event.
 */
export async function outreachStarter(ctx: AppContext, payload: Record<string, unknown>): Promise<void> {
  const riskEventId = String(payload.riskEventId);
  const event = await ctx.db.selectFrom('exchange_risk_events').selectAll().where('id', '=', riskEventId).executeTakeFirst();
  if (!event?.customer_id) return; // A UID we have no customer for: nobody to ask in a conversation yet.
  const customer = await ctx.db.selectFrom('customers').selectAll().where('id', '=', event.customer_id).executeTakeFirstOrThrow();
  const locale = matchLocale(customer.locale) ?? 'en';
  await ctx.transaction(async (trx) => {
    if (await trx.selectFrom('security_outreach').select('id').where('risk_event_id', '=', event.id).executeTakeFirst()) return;
    const now = nowIso();
    const ticket: TicketRow = {
      id: newId(), number: await allocateTicketNumber(trx, ctx.config.TICKET_PREFIX), subject: securityText(locale, 'outreachSubject', { event: eventName(locale, event) }),
      status: 'pending', priority: 'high', channel: 'chat', category: 'security', fields: '{}', locale, customer_id: customer.id,
      assignee_id: null, team_id: null, merged_into_id: null, created_at: now, updated_at: now, solved_at: null, closed_at: null,
    };
    await trx.insertInto('tickets').values(ticket).execute();
    await insertChat(trx, ticket.id, { state: 'left_message', topic: 'security' });
    await addTicketEvent(trx, ticket.id, systemRef, 'created', { channel: ticket.channel, category: ticket.category, priority: ticket.priority, status: ticket.status, outreach: event.type });
    const question = await automatedMessageWriter(trx, ticket, 'system', {
      body: outreachQuestion(locale, event), meta: { choices: answerChoices(locale), outreach: { riskEventId: event.id, type: event.type } },
    });
    await recordEvent(trx, 'ticket.created', {
      ticketId: ticket.id, number: ticket.number, customerId: customer.id, messageId: question.id, channel: ticket.channel, category: ticket.category,
      priority: ticket.priority, status: ticket.status, locale, assigneeId: null, teamId: null, tags: [],
    });
    const id = newId();
    // The email channel's composer records and sends it when SMTP is configured; otherwise chat only.
    const emailed = await outboundEmailComposer(trx, { ctx, kind: 'reply', ticketId: ticket.id, messageId: question.id, dedupeKey: `outreach:${id}` });
    const channels = ['chat', ...(emailed ? ['email'] : [])];
    await trx.insertInto('security_outreach').values({ id, risk_event_id: event.id, customer_id: customer.id, ticket_id: ticket.id, state: 'waiting', channels: JSON.stringify(channels), created_at: now, answered_at: null }).execute();
    await addTicketEvent(trx, ticket.id, systemRef, 'outreach_sent', { outreachId: id, riskEventId: event.id, eventId: event.event_id, type: event.type, channels });
    const runAt = new Date(Date.parse(now) + ctx.config.OUTREACH_TIMEOUT_MINUTES * 60_000);
    await enqueueJob(trx, OUTREACH_TIMEOUT_JOB, { outreachId: id }, { runAt, key: id });
  });
}
