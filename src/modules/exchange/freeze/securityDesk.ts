import type { DbOrTx, Tx } from '../../../platform/db/index.js';
import { nowIso } from '../../../platform/db/ids.js';
import { recordEvent } from '../../../platform/bus/outbox.js';
import { loadTeams } from '../../routing/teams.js';
import { applyTicketChanges } from '../../routing/ticketRouting.js';
import { automatedMessageWriter } from '../../tickets/commands/automatedMessageWriter.js';
import { addTicketEvent, type ActorRef, type TicketRow } from '../../tickets/ticketEvents.js';

/**
 * The security desk as the exchange's security operations see it: the team that handles the
 * `security` category (the same rule routing's handover and the exposed-secret alert use), and
 * the one way a ticket becomes that team's urgent case.
 */
export async function securityTeamFor(db: DbOrTx, locale: string): Promise<string | null> {
  const teams = (await loadTeams(db)).filter((team) => team.categories.includes('security'));
  const speaks = teams.find((team) => team.languages.length === 0 || team.languages.includes(locale));
  return (speaks ?? teams[0])?.id ?? null;
}

/** The installation's official hotline from the official-channels registry, for "freeze it yourself". */
export async function officialHotline(db: DbOrTx): Promise<string | null> {
  const row = await db.selectFrom('official_channels').select('value').where('kind', '=', 'phone').orderBy('created_at').executeTakeFirst();
  return row?.value ?? null;
}

/**
 * Urgent, category `security` (incident type `hacked`), the security team, and open again if it
 * was waiting on the customer — each change a timeline row, then `ticket.updated`, like an
 * agent's edit.
 */
export async function escalateToSecurity(trx: Tx, ticket: TicketRow, by: ActorRef): Promise<TicketRow> {
  const teamId = await securityTeamFor(trx, ticket.locale);
  const set: Partial<TicketRow> = {};
  const diff: Record<string, { from: unknown; to: unknown }> = {};
  if (ticket.priority !== 'urgent') {
    set.priority = 'urgent';
    diff.priority = { from: ticket.priority, to: 'urgent' };
  }
  if (ticket.category !== 'security') {
    set.category = 'security';
    set.fields = JSON.stringify({ incidentType: 'hacked' });
    diff.category = { from: ticket.category, to: 'security' };
  }
  let updated = ticket;
  if (Object.keys(diff).length) {
    await trx.updateTable('tickets').set({ ...set, updated_at: nowIso() }).where('id', '=', ticket.id).execute();
    for (const [name, change] of Object.entries(diff)) await addTicketEvent(trx, ticket.id, by, `${name}_changed`, change);
    await recordEvent(trx, 'ticket.updated', { ticketId: ticket.id, number: ticket.number, customerId: ticket.customer_id, changes: diff });
    updated = { ...ticket, ...set };
  }
  const status = updated.status === 'new' || updated.status === 'pending' ? 'open' : undefined;
  updated = await applyTicketChanges(trx, updated, { ...(teamId ? { teamId } : {}), ...(status ? { status } : {}) }, by);
  await trx.updateTable('chats').set({ team_id: updated.team_id, updated_at: nowIso() }).where('ticket_id', '=', ticket.id).execute();
  return updated;
}

/** A note for the agents on the ticket's timeline (never shown to the customer). */
export const internalNote = (trx: Tx, ticket: TicketRow, body: string, meta: Record<string, unknown>) =>
  automatedMessageWriter(trx, ticket, 'system', { body, meta, visibility: 'internal' });
