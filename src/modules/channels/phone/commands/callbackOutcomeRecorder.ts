import type { AppContext } from '../../../../context.js';
import { dialectOf } from '../../../../platform/db/dialect.js';
import { nowIso } from '../../../../platform/db/ids.js';
import { AppError, notFound } from '../../../../platform/http/errors.js';
import type { AgentActor, RequestOrigin } from '../../../identity/actor.js';
import { audit } from '../../../identity/audit.js';
import { redactSecrets } from '../../../security/secrets/detector.js';
import { automatedMessageWriter } from '../../../tickets/commands/automatedMessageWriter.js';
import { actorRef, addTicketEvent } from '../../../tickets/ticketEvents.js';
import { nextAttemptAt, openCallbackStates, type CallbackRow } from '../callbackQueue.js';
import { phoneText } from '../locales/index.js';

export const callbackOutcomes = ['reached', 'no_answer', 'wrong_number', 'cancelled'] as const;
export type CallbackOutcome = (typeof callbackOutcomes)[number];

/** Where an outcome leaves the request; an unanswered try goes back in the queue until the attempts run out. */
function afterOutcome(row: CallbackRow, outcome: CallbackOutcome, now: Date): Pick<CallbackRow, 'state' | 'attempts' | 'due_at'> {
  const attempts = row.attempts + 1;
  if (outcome === 'reached') return { state: 'done', attempts, due_at: row.due_at };
  if (outcome === 'no_answer') {
    const next = nextAttemptAt(attempts, now);
    return next ? { state: 'pending', attempts, due_at: next } : { state: 'no_answer', attempts, due_at: row.due_at };
  }
  return { state: 'cancelled', attempts: outcome === 'cancelled' ? row.attempts : attempts, due_at: row.due_at };
}

/**
 * An agent records how a callback went, in one transaction: the request's new state (a no-answer
 * is retried after 15 min, then 60 min, and given up after the third), an internal note on the
 * ticket in its language, a timeline row and an audit row. The note is screened like any text.
 */
export async function callbackOutcomeRecorder(ctx: AppContext, actor: AgentActor, id: string, input: { outcome: CallbackOutcome; note?: string | undefined }, origin: RequestOrigin): Promise<CallbackRow> {
  return ctx.transaction(async (trx) => {
    let q = trx.selectFrom('callback_requests').selectAll().where('id', '=', id);
    if (dialectOf(trx) === 'postgres') q = q.forUpdate();
    const row = await q.executeTakeFirst();
    if (!row) throw notFound('No callback request has this id.');
    if (!(openCallbackStates as readonly string[]).includes(row.state)) throw new AppError('conflict', `This callback is already ${row.state}.`, 'outcome');
    const note = input.note ? redactSecrets(input.note).text : null;
    const next = afterOutcome(row, input.outcome, new Date());
    const updated = { ...row, ...next, outcome: input.outcome, outcome_note: note, assignee_id: row.assignee_id ?? actor.agentId, updated_at: nowIso() };
    await trx.updateTable('callback_requests').set({ ...next, outcome: input.outcome, outcome_note: note, assignee_id: updated.assignee_id, updated_at: updated.updated_at }).where('id', '=', id).execute();

    const ticket = await trx.selectFrom('tickets').select(['id', 'number', 'customer_id', 'channel', 'locale']).where('id', '=', row.ticket_id).executeTakeFirstOrThrow();
    const key = input.outcome === 'no_answer' && next.state === 'no_answer' ? 'outcome_no_answer_final' : (`outcome_${input.outcome}` as const);
    const lines = [phoneText(ticket.locale, key, { attempt: next.attempts, next: next.due_at.slice(0, 16).replace('T', ' ') })];
    if (note) lines.push(phoneText(ticket.locale, 'outcomeNote', { note }));
    await automatedMessageWriter(trx, ticket, 'system', { body: lines.join('\n'), meta: { callback: { id, outcome: input.outcome, state: next.state } }, visibility: 'internal' });
    await addTicketEvent(trx, ticket.id, actorRef(actor), 'callback_outcome', { callbackId: id, outcome: input.outcome, state: next.state, attempts: next.attempts, dueAt: next.due_at });
    await audit(trx, { actor, action: 'callback.outcome', targetType: 'callback_request', targetId: id, origin, details: { outcome: input.outcome, state: next.state } });
    return updated;
  });
}

/** Takes a callback (or gives it back): the queue shows who is calling. */
export async function callbackAssigner(ctx: AppContext, actor: AgentActor, id: string, to: 'me' | 'nobody'): Promise<CallbackRow> {
  const assignee = to === 'me' ? actor.agentId : null;
  const row = await ctx.db.updateTable('callback_requests')
    .set({ assignee_id: assignee, state: assignee ? 'scheduled' : 'pending', updated_at: nowIso() })
    .where('id', '=', id).where('state', 'in', openCallbackStates)
    .returningAll().executeTakeFirst();
  if (row) return row;
  const exists = await ctx.db.selectFrom('callback_requests').select('state').where('id', '=', id).executeTakeFirst();
  if (!exists) throw notFound('No callback request has this id.');
  throw new AppError('conflict', `This callback is already ${exists.state}.`, 'to');
}
