import type { AppContext } from '../../../../context.js';
import { dialectOf } from '../../../../platform/db/dialect.js';
import type { Tx } from '../../../../platform/db/index.js';
import { newId, nowIso } from '../../../../platform/db/ids.js';
import { ticketCreator } from '../../../tickets/commands/ticketCreator.js';
import { addTicketEvent, systemRef } from '../../../tickets/ticketEvents.js';
import type { InboundResult } from '../../adapters.js';
import { applyCallEvent, type CallRow } from '../callState.js';
import { phoneText } from '../locales/index.js';
import { customerNumberOf, type CallEvent } from '../payload.js';
import { callLogger } from './callLogger.js';
import { customerForNumber, openPhoneTicket } from './phoneCustomer.js';

/** Another event of the same call linked it to a ticket first: use theirs, drop ours. */
class CallAlreadyLinked extends Error {}

async function lockCall(trx: Tx, providerCallId: string): Promise<CallRow | undefined> {
  let q = trx.selectFrom('calls').selectAll().where('provider_call_id', '=', providerCallId);
  if (dialectOf(trx) === 'postgres') q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Folds one event into the call's row (created by whichever event comes first), under the row's lock. */
async function mergeEvent(ctx: AppContext, event: CallEvent): Promise<CallRow> {
  const agent = event.agentEmail
    ? await ctx.db.selectFrom('agents').select('id').where('email', '=', event.agentEmail.toLowerCase()).executeTakeFirst()
    : undefined;
  if (event.agentEmail && !agent) ctx.log.warn({ callId: event.callId, agentEmail: event.agentEmail }, 'phone: the call event names an agent we do not know');
  return ctx.transaction(async (trx) => {
    const now = nowIso();
    const fresh = applyCallEvent(null, event, null);
    await trx.insertInto('calls').values({
      id: newId(), provider_call_id: event.callId, direction: event.direction, from_number: event.from, to_number: event.to,
      customer_id: null, ticket_id: null, ...fresh, notes: null, logged_at: null, created_at: now, updated_at: now,
    }).onConflict((oc) => oc.column('provider_call_id').doNothing()).execute();
    const call = (await lockCall(trx, event.callId))!;
    const changes = applyCallEvent(call, event, agent?.id ?? null);
    const changed = (Object.keys(changes) as (keyof typeof changes)[]).some((k) => changes[k] !== call[k]);
    if (!changed) return call;
    await trx.updateTable('calls').set({ ...changes, updated_at: now }).where('id', '=', call.id).execute();
    return { ...call, ...changes };
  });
}

/** Puts the call on its customer's open phone ticket, or opens one, the first time any of its events arrives. */
async function linkToTicket(ctx: AppContext, call: CallRow, event: CallEvent): Promise<{ ticketId: string; created: boolean }> {
  const number = customerNumberOf(event);
  const customer = await ctx.transaction((trx) => customerForNumber(trx, number, { trusted: true }));
  const link = async (trx: Tx, ticketId: string) => {
    const linked = await trx.updateTable('calls').set({ ticket_id: ticketId, customer_id: customer.id, updated_at: nowIso() })
      .where('id', '=', call.id).where('ticket_id', 'is', null).executeTakeFirst();
    if (Number(linked.numUpdatedRows) === 0) throw new CallAlreadyLinked();
    await addTicketEvent(trx, ticketId, systemRef, 'call_received', { callId: call.id, direction: call.direction, number });
  };
  try {
    const open = await openPhoneTicket(ctx.db, customer.id);
    if (open) {
      await ctx.transaction((trx) => link(trx, open));
      return { ticketId: open, created: false };
    }
    const created = await ticketCreator({
      ctx, actor: { kind: 'guest', customerId: customer.id, ticketId: '' }, origin: { ip: null, userAgent: 'cti' }, fieldsLater: true,
      input: { subject: phoneText(customer.locale, 'callSubject', { number }), body: phoneText(customer.locale, 'callOpened', { number }), category: 'platform', locale: customer.locale, channel: 'phone' },
      within: (trx, { ticket }) => link(trx, ticket.id),
    });
    return { ticketId: created.ticket.id, created: true };
  } catch (err) {
    if (!(err instanceof CallAlreadyLinked)) throw err;
    const row = await ctx.db.selectFrom('calls').select('ticket_id').where('id', '=', call.id).executeTakeFirstOrThrow();
    return { ticketId: row.ticket_id!, created: false };
  }
}

/**
 * The durable job of one call event: the call's row, its ticket (the customer's open phone
 * ticket or a new one) and, once the call is over, its summary on the ticket — a missed inbound
 * call also queues a callback. Every step is safe to repeat, so a redelivered event changes nothing.
 */
export async function callRecorder(ctx: AppContext, event: CallEvent): Promise<InboundResult> {
  const call = await mergeEvent(ctx, event);
  const { ticketId, created } = call.ticket_id ? { ticketId: call.ticket_id, created: false } : await linkToTicket(ctx, call, event);
  if (call.state === 'ended' || call.state === 'missed') await callLogger(ctx, call.id);
  return { outcome: 'stored', ticketId, created };
}
