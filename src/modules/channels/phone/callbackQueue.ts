import type { Insertable, Selectable } from 'kysely';
import type { DbOrTx } from '../../../platform/db/index.js';
import { newId, nowIso } from '../../../platform/db/ids.js';
import type { CallbackRequestsTable } from '../../../platform/db/schema.js';
import { addTicketEvent, type ActorRef } from '../../tickets/ticketEvents.js';
import { CALLBACK_MAX_ATTEMPTS, CALLBACK_RETRY_MINUTES } from './settings.js';

export type CallbackRow = Selectable<CallbackRequestsTable>;
export type NewCallback = Omit<Insertable<CallbackRequestsTable>, 'id' | 'state' | 'attempts' | 'outcome' | 'outcome_note' | 'assignee_id' | 'created_at' | 'updated_at'>;

/** States an agent still has to act on. */
export const openCallbackStates = ['pending', 'scheduled'] as const;

/**
 * When to call: the start of the customer's window, or now when it has begun. A window the
 * customer did not give (a missed call) is due at once.
 */
export function dueAtFor(windowStart: string | null, now = new Date()): string {
  if (!windowStart || Date.parse(windowStart) <= now.getTime()) return now.toISOString();
  return new Date(windowStart).toISOString();
}

/** After `attempts` unanswered tries: when to try again, or null when the request is given up. */
export function nextAttemptAt(attempts: number, now = new Date()): string | null {
  if (attempts >= CALLBACK_MAX_ATTEMPTS) return null;
  const minutes = CALLBACK_RETRY_MINUTES[Math.min(attempts, CALLBACK_RETRY_MINUTES.length) - 1] ?? CALLBACK_RETRY_MINUTES[0];
  return new Date(now.getTime() + minutes * 60_000).toISOString();
}

/** Queues a callback on its ticket (once per missed call: `call_id` is unique). Returns null when it already was. */
export async function queueCallback(trx: DbOrTx, input: NewCallback, by: ActorRef): Promise<CallbackRow | null> {
  const now = nowIso();
  const row = await trx.insertInto('callback_requests')
    .values({ ...input, id: newId(), state: 'pending', attempts: 0, outcome: null, outcome_note: null, assignee_id: null, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('call_id').doNothing())
    .returningAll().executeTakeFirst();
  if (!row) return null;
  await addTicketEvent(trx, input.ticket_id, by, 'callback_requested', { callbackId: row.id, phone: row.phone, dueAt: row.due_at, source: row.source });
  return row;
}
