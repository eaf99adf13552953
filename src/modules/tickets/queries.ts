import type { AppContext } from '../../context.js';
import type { DbOrTx } from '../../platform/db/index.js';
import { UUID_PATTERN } from '../../platform/db/ids.js';
import { dialectOf } from '../../platform/db/dialect.js';
import { AppError } from '../../platform/http/errors.js';
import { decodeCursor, pageOf, type Page } from '../../platform/http/pagination.js';
import type { Actor } from '../identity/actor.js';
import type { CustomerRow } from '../identity/customers.js';
import type { Category, Channel, Priority, Status } from './categories.js';
import { TICKET_NUMBER } from './numbers.js';
import type { AttachmentRow, MessageRow, TicketRow } from './ticketEvents.js';

const notFound = () => new AppError('not_found', 'No such ticket.');

/** The ids a guest may read: their ticket, and the ticket it was merged into if it is still theirs. */
async function guestTicketIds(db: DbOrTx, actor: Extract<Actor, { kind: 'guest' }>): Promise<string[]> {
  const own = await db.selectFrom('tickets').select('merged_into_id').where('id', '=', actor.ticketId).executeTakeFirst();
  if (!own?.merged_into_id) return [actor.ticketId];
  const survivor = await db.selectFrom('tickets').select('customer_id').where('id', '=', own.merged_into_id).executeTakeFirst();
  return survivor?.customer_id === actor.customerId ? [actor.ticketId, own.merged_into_id] : [actor.ticketId];
}

export async function canActorSee(db: DbOrTx, actor: Actor, ticket: Pick<TicketRow, 'id' | 'customer_id'>): Promise<boolean> {
  if (actor.kind === 'agent') return true;
  if (actor.kind === 'customer') return ticket.customer_id === actor.customerId;
  return (await guestTicketIds(db, actor)).includes(ticket.id);
}

/**
 * A ticket by id or number, if this actor may see it. Another customer's ticket answers
 * 404 exactly like a missing one, so numbers cannot be probed.
 */
export async function loadTicketForActor(db: DbOrTx, actor: Actor, idOrNumber: string, opts: { forUpdate?: boolean } = {}): Promise<TicketRow> {
  const byId = UUID_PATTERN.test(idOrNumber);
  if (!byId && !TICKET_NUMBER.test(idOrNumber)) throw notFound();
  let query = db.selectFrom('tickets').selectAll().where(byId ? 'id' : 'number', '=', idOrNumber);
  // SQLite has one writer and no row locks; PostgreSQL needs the lock against a concurrent merge.
  if (opts.forUpdate && dialectOf(db) === 'postgres') query = query.forUpdate();
  const ticket = await query.executeTakeFirst();
  if (!ticket || !(await canActorSee(db, actor, ticket))) throw notFound();
  return ticket;
}

export const findTicketForActor = (ctx: AppContext, actor: Actor, idOrNumber: string): Promise<TicketRow> =>
  loadTicketForActor(ctx.db, actor, idOrNumber);

/** Everything the ticket presenters need beside the row itself. */
export interface TicketDetail {
  ticket: TicketRow;
  customer: { id: string; externalId: string | null; email: string | null; name: string | null; locale: string; verified: boolean };
  tags: string[];
  assignee: { id: string; name: string } | null;
  team: { id: string; name: string } | null;
  mergedInto: { id: string; number: string } | null;
}

/** Parts the caller already holds (a create just wrote them) are not read again. */
export interface KnownDetail {
  customer?: CustomerRow;
  tags?: string[];
}

export async function loadTicketDetail(db: DbOrTx, ticket: TicketRow, known: KnownDetail = {}): Promise<TicketDetail> {
  const [customer, tags, assignee, team, survivor] = await Promise.all([
    known.customer ?? db.selectFrom('customers').selectAll().where('id', '=', ticket.customer_id).executeTakeFirstOrThrow(),
    known.tags ?? db.selectFrom('ticket_tags').select('tag').where('ticket_id', '=', ticket.id).orderBy('tag').execute().then((rows) => rows.map((r) => r.tag)),
    ticket.assignee_id ? db.selectFrom('agents').select(['id', 'name']).where('id', '=', ticket.assignee_id).executeTakeFirst() : undefined,
    ticket.team_id ? db.selectFrom('teams').select(['id', 'name']).where('id', '=', ticket.team_id).executeTakeFirst() : undefined,
    ticket.merged_into_id ? db.selectFrom('tickets').select(['id', 'number']).where('id', '=', ticket.merged_into_id).executeTakeFirst() : undefined,
  ]);
  return {
    ticket,
    customer: { id: customer.id, externalId: customer.external_id, email: customer.email, name: customer.name, locale: customer.locale, verified: customer.verified === 1 },
    tags,
    assignee: assignee ?? null,
    team: team ?? null,
    mergedInto: survivor ?? null,
  };
}

export interface TicketFilters {
  status?: Status;
  priority?: Priority;
  category?: Category;
  channel?: Channel;
  assigneeId?: string;
  teamId?: string;
  tag?: string;
  customerId?: string;
}

/** Newest first; agents see every ticket, customers theirs, guests only their linked ticket(s). */
export async function listTicketsForActor(
  ctx: AppContext,
  actor: Actor,
  opts: { filters?: TicketFilters; limit: number; cursor?: string },
): Promise<Page<TicketRow>> {
  const f = opts.filters ?? {};
  let query = ctx.db.selectFrom('tickets').selectAll();
  if (actor.kind === 'customer') query = query.where('customer_id', '=', actor.customerId);
  if (actor.kind === 'guest') query = query.where('id', 'in', await guestTicketIds(ctx.db, actor));
  if (f.status) query = query.where('status', '=', f.status);
  if (f.priority) query = query.where('priority', '=', f.priority);
  if (f.category) query = query.where('category', '=', f.category);
  if (f.channel) query = query.where('channel', '=', f.channel);
  if (f.assigneeId) query = query.where('assignee_id', '=', f.assigneeId);
  if (f.teamId) query = query.where('team_id', '=', f.teamId);
  if (f.customerId) query = query.where('customer_id', '=', f.customerId);
  if (f.tag) {
    const tag = f.tag.trim().toLowerCase();
    query = query.where(({ exists, selectFrom }) =>
      exists(selectFrom('ticket_tags').select('ticket_tags.tag').whereRef('ticket_tags.ticket_id', '=', 'tickets.id').where('ticket_tags.tag', '=', tag)),
    );
  }
  if (opts.cursor) query = query.where('id', '<', decodeCursor(opts.cursor));
  const rows = await query.orderBy('id', 'desc').limit(opts.limit + 1).execute();
  return pageOf(rows, opts.limit);
}

export async function tagsByTicket(db: DbOrTx, ticketIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (ticketIds.length === 0) return out;
  const rows = await db.selectFrom('ticket_tags').select(['ticket_id', 'tag']).where('ticket_id', 'in', ticketIds).orderBy('tag').execute();
  for (const r of rows) out.set(r.ticket_id, [...(out.get(r.ticket_id) ?? []), r.tag]);
  return out;
}

export interface MessageView {
  message: MessageRow;
  attachments: AttachmentRow[];
  /** Agent's name for agent messages, customer's name for customer messages. */
  authorName: string | null;
}

/** Oldest first. Customers and guests never receive internal notes, not even their count. */
export async function listMessagesForActor(
  ctx: AppContext,
  actor: Actor,
  ticket: TicketRow,
  opts: { limit: number; cursor?: string } = { limit: 100 },
): Promise<Page<MessageView>> {
  let query = ctx.db.selectFrom('messages').selectAll().where('ticket_id', '=', ticket.id);
  if (actor.kind !== 'agent') query = query.where('visibility', '=', 'public');
  if (opts.cursor) query = query.where('id', '>', decodeCursor(opts.cursor));
  const rows = await query.orderBy('id', 'asc').limit(opts.limit + 1).execute();
  const page = pageOf(rows, opts.limit);
  const ids = page.items.map((m) => m.id);
  const attachments = ids.length ? await ctx.db.selectFrom('attachments').selectAll().where('message_id', 'in', ids).orderBy('id').execute() : [];
  const names = await authorNames(ctx.db, page.items.map((m) => ({ type: m.author_type, id: m.author_id })));
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((message) => ({
      message,
      attachments: attachments.filter((a) => a.message_id === message.id),
      authorName: message.author_id ? (names.get(`${message.author_type}:${message.author_id}`) ?? null) : null,
    })),
  };
}

/** Display names for agent and customer authors, keyed `type:id`. */
/** How a customer is named beside their messages (agents' view). */
export const customerDisplayName = (c: { name: string | null; email: string | null }): string => c.name ?? c.email ?? 'Customer';

export async function authorNames(db: DbOrTx, refs: { type: string; id: string | null }[]): Promise<Map<string, string>> {
  const agentIds = [...new Set(refs.filter((r) => r.type === 'agent' && r.id).map((r) => r.id!))];
  const customerIds = [...new Set(refs.filter((r) => (r.type === 'customer' || r.type === 'guest') && r.id).map((r) => r.id!))];
  const out = new Map<string, string>();
  if (agentIds.length) {
    for (const a of await db.selectFrom('agents').select(['id', 'name']).where('id', 'in', agentIds).execute()) out.set(`agent:${a.id}`, a.name);
  }
  if (customerIds.length) {
    for (const c of await db.selectFrom('customers').select(['id', 'name', 'email']).where('id', 'in', customerIds).execute()) {
      const name = customerDisplayName(c);
      out.set(`customer:${c.id}`, name);
      out.set(`guest:${c.id}`, name);
    }
  }
  return out;
}

export interface TimelineEntry {
  id: string;
  type: string;
  data: Record<string, unknown>;
  actor: { type: string; id: string | null; name: string | null };
  createdAt: string;
}

/** Every change to a ticket, oldest first, with who made it. */
export async function timelineFor(ctx: AppContext, ticketId: string): Promise<TimelineEntry[]> {
  const rows = await ctx.db.selectFrom('ticket_events').selectAll().where('ticket_id', '=', ticketId).orderBy('id', 'asc').execute();
  const names = await authorNames(ctx.db, rows.map((r) => ({ type: r.actor_type, id: r.actor_id })));
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    data: JSON.parse(r.data) as Record<string, unknown>,
    actor: { type: r.actor_type, id: r.actor_id, name: r.actor_id ? (names.get(`${r.actor_type}:${r.actor_id}`) ?? null) : null },
    createdAt: r.created_at,
  }));
}
