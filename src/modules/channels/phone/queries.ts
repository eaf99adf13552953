import type { DbOrTx } from '../../../platform/db/index.js';
import type { CallbackListRow } from './presenters.js';

const callbackRows = (db: DbOrTx) =>
  db.selectFrom('callback_requests')
    .innerJoin('tickets', 'tickets.id', 'callback_requests.ticket_id')
    .leftJoin('agents', 'agents.id', 'callback_requests.assignee_id')
    .selectAll('callback_requests').select(['tickets.number as ticket_number', 'agents.name as assignee_name']);

/** The callback queue: earliest due first (ties: oldest request), optionally one state and due before a time. */
export async function callbackQueue(db: DbOrTx, filter: { states: readonly string[]; dueBefore?: string | undefined; limit: number }): Promise<CallbackListRow[]> {
  let q = callbackRows(db).where('callback_requests.state', 'in', filter.states as CallbackListRow['state'][]);
  if (filter.dueBefore) q = q.where('callback_requests.due_at', '<', filter.dueBefore);
  return q.orderBy('callback_requests.due_at').orderBy('callback_requests.id').limit(filter.limit).execute();
}

export const callbackById = (db: DbOrTx, id: string): Promise<CallbackListRow | undefined> =>
  callbackRows(db).where('callback_requests.id', '=', id).executeTakeFirst();

export const callbacksOfTicket = (db: DbOrTx, ticketId: string): Promise<CallbackListRow[]> =>
  callbackRows(db).where('callback_requests.ticket_id', '=', ticketId).orderBy('callback_requests.id').execute();

export const callsOfTicket = (db: DbOrTx, ticketId: string) =>
  db.selectFrom('calls').leftJoin('agents', 'agents.id', 'calls.agent_id').selectAll('calls').select('agents.name as agent_name')
    .where('calls.ticket_id', '=', ticketId).orderBy('calls.started_at').execute();
