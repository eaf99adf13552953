import type { Tx } from '../../platform/db/index.js';
import { dialectOf } from '../../platform/db/dialect.js';
import { nowIso } from '../../platform/db/ids.js';
import { recordEvent } from '../../platform/bus/outbox.js';
import type { Status } from '../tickets/categories.js';
import { assertTransition, statusTimestamps } from '../tickets/statusMachine.js';
import { addTicketEvent, type ActorRef, type TicketRow } from '../tickets/ticketEvents.js';

/**
 * The ticket side of routing. A chat is a ticket, so taking, moving or ending a chat changes
 * the ticket's assignee, team or status exactly the way the tickets module records an agent's
 * edit: one timeline row per changed attribute (`assignee_changed`, `team_changed`,
 * `status_changed`) and one `ticket.updated` event listing them all.
 */
export interface RoutingChanges {
  assigneeId?: string | null;
  teamId?: string | null;
  status?: Status;
}

/** The chat's ticket, locked on PostgreSQL (callers hold the chat row already, so this is the next lock in line). */
export async function lockTicket(trx: Tx, ticketId: string): Promise<TicketRow> {
  let q = trx.selectFrom('tickets').selectAll().where('id', '=', ticketId);
  if (dialectOf(trx) === 'postgres') q = q.forUpdate();
  return q.executeTakeFirstOrThrow();
}

export async function applyTicketChanges(trx: Tx, ticket: TicketRow, changes: RoutingChanges, by: ActorRef): Promise<TicketRow> {
  const now = nowIso();
  const set: Partial<TicketRow> = {};
  const diff: Record<string, { from: unknown; to: unknown }> = {};
  if (changes.assigneeId !== undefined && changes.assigneeId !== ticket.assignee_id) {
    set.assignee_id = changes.assigneeId;
    diff.assignee = { from: ticket.assignee_id, to: changes.assigneeId };
  }
  if (changes.teamId !== undefined && changes.teamId !== ticket.team_id) {
    set.team_id = changes.teamId;
    diff.team = { from: ticket.team_id, to: changes.teamId };
  }
  if (changes.status !== undefined && changes.status !== ticket.status) {
    assertTransition(ticket.status, changes.status);
    Object.assign(set, { status: changes.status }, statusTimestamps(changes.status, now));
    diff.status = { from: ticket.status, to: changes.status };
  }
  if (Object.keys(diff).length === 0) return ticket;

  await trx.updateTable('tickets').set({ ...set, updated_at: now }).where('id', '=', ticket.id).execute();
  for (const [name, change] of Object.entries(diff)) await addTicketEvent(trx, ticket.id, by, `${name}_changed`, change);
  await recordEvent(trx, 'ticket.updated', { ticketId: ticket.id, number: ticket.number, customerId: ticket.customer_id, changes: diff });
  return { ...ticket, ...set, updated_at: now };
}
