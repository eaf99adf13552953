import type { AppContext } from '../../../../context.js';
import { nowIso } from '../../../../platform/db/ids.js';
import { automatedMessageWriter } from '../../../tickets/commands/automatedMessageWriter.js';
import { addTicketEvent, systemRef } from '../../../tickets/ticketEvents.js';
import { queueCallback } from '../callbackQueue.js';
import type { CallRow } from '../callState.js';
import { phoneText } from '../locales/index.js';

export function durationText(locale: string, seconds: number | null): string {
  const s = seconds ?? 0;
  return phoneText(locale, 'minutesSeconds', { minutes: Math.floor(s / 60), seconds: s % 60 });
}

/** The summary agents read on the ticket, in the ticket's language. */
function summaryOf(locale: string, call: CallRow, agentName: string | null): string {
  const number = call.direction === 'inbound' ? call.from_number : call.to_number;
  const direction = phoneText(locale, call.direction);
  if (call.state === 'missed') return phoneText(locale, call.direction === 'inbound' ? 'callMissed' : 'callMissedOutbound', { number, direction });
  const lines = [phoneText(locale, 'callAnswered', { direction, number, agent: agentName ?? phoneText(locale, 'unknownAgent'), duration: durationText(locale, call.duration_seconds) })];
  if (call.recording_url) lines.push(phoneText(locale, 'recording', { url: call.recording_url }));
  return lines.join('\n');
}

/**
 * Writes an ended call onto its ticket once (claimed by `logged_at`): an internal note with
 * direction, number, agent, duration and recording link (`meta.call` for the console), a
 * `call_logged` timeline row, and for a missed inbound call a callback due now.
 */
export async function callLogger(ctx: AppContext, callId: string): Promise<void> {
  await ctx.transaction(async (trx) => {
    const call = await trx.updateTable('calls').set({ logged_at: nowIso() })
      .where('id', '=', callId).where('logged_at', 'is', null).where('ticket_id', 'is not', null).where('state', 'in', ['ended', 'missed'])
      .returningAll().executeTakeFirst();
    if (!call) return;
    const ticket = await trx.selectFrom('tickets').select(['id', 'number', 'customer_id', 'channel', 'locale', 'category']).where('id', '=', call.ticket_id!).executeTakeFirstOrThrow();
    const agent = call.agent_id ? await trx.selectFrom('agents').select('name').where('id', '=', call.agent_id).executeTakeFirst() : undefined;
    const facts = {
      callId: call.id, direction: call.direction, state: call.state, from: call.from_number, to: call.to_number,
      agentId: call.agent_id, durationSeconds: call.duration_seconds, recordingUrl: call.recording_url,
    };
    await automatedMessageWriter(trx, ticket, 'system', { body: summaryOf(ticket.locale, call, agent?.name ?? null), meta: { call: facts }, visibility: 'internal' });
    await addTicketEvent(trx, ticket.id, systemRef, 'call_logged', facts);
    if (call.state !== 'missed' || call.direction !== 'inbound') return;
    await queueCallback(trx, {
      ticket_id: ticket.id, customer_id: ticket.customer_id, call_id: call.id, source: 'missed_call', phone: call.from_number, name: null,
      window_start: null, window_end: null, timezone: null, topic: ticket.category, locale: ticket.locale, due_at: nowIso(),
    }, systemRef);
  });
}
