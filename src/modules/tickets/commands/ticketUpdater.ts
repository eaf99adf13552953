import type { AppContext } from '../../../context.js';
import type { Tx } from '../../../platform/db/index.js';
import { nowIso } from '../../../platform/db/ids.js';
import { recordEvent } from '../../../platform/bus/outbox.js';
import { AppError } from '../../../platform/http/errors.js';
import type { AgentActor, RequestOrigin } from '../../identity/actor.js';
import { checkAssignee, checkTeam, normaliseTags } from '../assignment.js';
import { parseCategoryFields, type Category, type Priority, type Status } from '../categories.js';
import { ticketPolicy } from '../policies.js';
import { loadTicketForActor } from '../queries.js';
import { assertTransition, statusTimestamps } from '../statusMachine.js';
import { actorRef, addTicketEvent, type TicketRow } from '../ticketEvents.js';
import { mergedError } from './messageSender.js';
import { reindexSubject } from '../search.js';

export interface TicketChanges {
  status?: Status;
  priority?: Priority;
  category?: Category;
  fields?: unknown;
  assigneeId?: string | null;
  teamId?: string | null;
  tags?: string[];
  /** Bulk edits: tags added to / removed from whatever each ticket has (after `tags`, if both). */
  addTags?: string[];
  removeTags?: string[];
  subject?: string;
  /** The `updatedAt` the editor last saw: if the ticket changed since, nothing is written (409). */
  baseUpdatedAt?: string;
}

interface Args {
  ctx: AppContext;
  actor: AgentActor;
  ticketId: string;
  changes: TicketChanges;
  origin: RequestOrigin;
}

type Change = { from: unknown; to: unknown };

async function currentTags(trx: Tx, ticketId: string): Promise<string[]> {
  const rows = await trx.selectFrom('ticket_tags').select('tag').where('ticket_id', '=', ticketId).orderBy('tag').execute();
  return rows.map((r) => r.tag);
}

/**
 * Applies an agent's edits. Every attribute that really changes gets its own timeline row,
 * and one `ticket.updated` event lists them all. Nothing changes → nothing is written.
 */
export async function ticketUpdater({ ctx, actor, ticketId, changes, origin }: Args): Promise<TicketRow> {
  return ctx.transaction(async (trx) => {
    const ticket = await loadTicketForActor(trx, actor, ticketId, { forUpdate: true });
    return ticketChangesWriter(trx, { actor, ticket, changes, origin });
  });
}

/** ticketUpdater's transaction body, for commands that change a ticket among other writes (macros). */
export async function ticketChangesWriter(trx: Tx, { actor, ticket, changes, origin }: { actor: AgentActor; ticket: TicketRow; changes: TicketChanges; origin: RequestOrigin }): Promise<TicketRow> {
  if (ticket.merged_into_id) throw await mergedError(trx, ticket);
  if (ticket.status === 'closed') {
    throw new AppError('transition_not_allowed', 'A closed ticket cannot be changed; open a follow-up ticket.', 'status');
  }
  if (!ticketPolicy.update(actor, ticket)) throw new AppError('forbidden');
  // Someone else's change since the editor loaded the ticket wins; the editor is shown it instead of overwriting it.
  if (changes.baseUpdatedAt !== undefined && changes.baseUpdatedAt !== ticket.updated_at) {
    throw new AppError('conflict', 'The ticket was changed by someone else since you loaded it; reload it and apply your change again.', 'baseUpdatedAt');
  }

  const now = nowIso();
  const set: Partial<TicketRow> = {};
  const diff: Record<string, Change> = {};
  const note = (name: string, column: keyof TicketRow, to: string | null, from: string | null) => {
    if (to === from) return;
    (set as Record<string, unknown>)[column] = to;
    diff[name] = { from, to };
  };

  if (changes.status !== undefined && changes.status !== ticket.status) {
    assertTransition(ticket.status, changes.status);
    note('status', 'status', changes.status, ticket.status);
    Object.assign(set, statusTimestamps(changes.status, now));
  }
  if (changes.priority !== undefined) note('priority', 'priority', changes.priority, ticket.priority);
  if (changes.subject !== undefined) note('subject', 'subject', changes.subject.trim(), ticket.subject);
  if (changes.category !== undefined || changes.fields !== undefined) {
    const category = changes.category ?? (ticket.category as Category);
    // A new category brings its own fields; keep the old ones only when they still fit.
    const raw = changes.fields ?? (changes.category && changes.category !== ticket.category ? {} : JSON.parse(ticket.fields));
    const fields = JSON.stringify(parseCategoryFields(category, raw));
    note('category', 'category', category, ticket.category);
    if (fields !== ticket.fields) {
      set.fields = fields;
      diff.fields = { from: JSON.parse(ticket.fields), to: JSON.parse(fields) };
    }
  }
  if (changes.assigneeId !== undefined) {
    if (changes.assigneeId) await checkAssignee(trx, changes.assigneeId);
    note('assignee', 'assignee_id', changes.assigneeId, ticket.assignee_id);
  }
  if (changes.teamId !== undefined) {
    if (changes.teamId) await checkTeam(trx, changes.teamId);
    note('team', 'team_id', changes.teamId, ticket.team_id);
  }
  if (changes.tags !== undefined || changes.addTags || changes.removeTags) {
    const before = await currentTags(trx, ticket.id);
    const removing = new Set(normaliseTags(changes.removeTags ?? [], 'removeTags'));
    const added = normaliseTags(changes.addTags ?? [], 'addTags');
    const next = normaliseTags([...(changes.tags ? normaliseTags(changes.tags) : before), ...added].filter((t) => !removing.has(t))).sort();
    if (next.join('\n') !== before.join('\n')) {
      await trx.deleteFrom('ticket_tags').where('ticket_id', '=', ticket.id).execute();
      if (next.length) await trx.insertInto('ticket_tags').values(next.map((tag) => ({ ticket_id: ticket.id, tag }))).execute();
      diff.tags = { from: before, to: next };
    }
  }
  if (Object.keys(diff).length === 0) return ticket;

  await trx.updateTable('tickets').set({ ...set, updated_at: now }).where('id', '=', ticket.id).execute();
  if (set.subject !== undefined) await reindexSubject(trx, ticket.id, set.subject);
  const by = actorRef(actor);
  for (const [name, change] of Object.entries(diff)) {
    await addTicketEvent(trx, ticket.id, by, `${name}_changed`, { ...change, ...(origin.ip ? { ip: origin.ip } : {}) });
  }
  await recordEvent(trx, 'ticket.updated', { ticketId: ticket.id, number: ticket.number, customerId: ticket.customer_id, changes: diff });
  return { ...ticket, ...set, updated_at: now };
}
