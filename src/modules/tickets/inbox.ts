import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DbOrTx } from '../../platform/db/index.js';
import type { DB } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/errors.js';
import type { AgentActor } from '../identity/actor.js';
import { normaliseEmail } from '../identity/customers.js';
import { priorities, type Category, type Channel, type Priority, type Status } from './categories.js';
import { TICKET_NUMBER } from './numbers.js';
import { tagsByTicket } from './queries.js';
import { planTextSearch, textSearchCondition, type TextSearch } from './search.js';

/**
 * The agent console's inbox: the tickets still to be worked on, in one of four views, filtered,
 * searched and sorted, with keyset pagination so a 10,000-ticket queue scrolls page by page.
 * "Waiting" is the time since the ticket last changed (a customer or agent message, a field
 * change): the longest-untouched ticket comes first.
 */
export const inboxViews = ['mine', 'unassigned', 'my_teams', 'all'] as const;
export type InboxView = (typeof inboxViews)[number];
export const inboxSorts = ['waiting', 'priority'] as const;
export type InboxSort = (typeof inboxSorts)[number];
/** Statuses an agent still has to act on. */
export const unsolvedStatuses: Status[] = ['new', 'open', 'pending', 'on_hold'];

export interface InboxFilters {
  status: Status | 'unsolved' | 'any';
  priority?: Priority;
  category?: Category;
  channel?: Channel;
  locale?: string;
  tag?: string;
  q?: string;
}

type Eb = ExpressionBuilder<DB, 'tickets'>;

// urgent first; written out so both databases sort the same way without a lookup table.
const priorityRank = sql<number>`(case tickets.priority ${sql.join(
  priorities.map((p) => sql`when ${sql.lit(p)} then ${sql.lit(priorities.length - 1 - priorities.indexOf(p))}`),
  sql` `,
)} end)`;

/** How the inbox's `q` runs: an exact index lookup (ticket number, customer email) or a text search. */
type InboxSearch = { kind: 'number'; number: string } | { kind: 'email'; email: string } | { kind: 'text'; text: TextSearch };

async function planSearch(db: DbOrTx, raw: string): Promise<InboxSearch> {
  const q = raw.trim();
  if (TICKET_NUMBER.test(q.toUpperCase())) return { kind: 'number', number: q.toUpperCase() };
  if (q.includes('@') && !/\s/.test(q)) return { kind: 'email', email: normaliseEmail(q) };
  return { kind: 'text', text: await planTextSearch(db, q, 'agent') };
}

/** Number, email, or words in the subject, any message (internal notes included) or the customer's name, email or UID. */
function searchCondition(eb: Eb, search: InboxSearch, exhaustive: boolean): Expression<SqlBool> {
  if (search.kind === 'number') return eb('tickets.number', '=', search.number);
  if (search.kind === 'email') {
    return eb('tickets.customer_id', 'in', eb.selectFrom('customers').select('customers.id').where('customers.email', '=', search.email));
  }
  return textSearchCondition(eb, search.text, exhaustive);
}

function viewCondition(eb: Eb, actor: AgentActor, view: InboxView): Expression<SqlBool> | null {
  if (view === 'mine') return eb('tickets.assignee_id', '=', actor.agentId);
  if (view === 'unassigned') return eb('tickets.assignee_id', 'is', null);
  if (view === 'my_teams') {
    return eb('tickets.team_id', 'in', eb.selectFrom('team_members').select('team_members.team_id').where('team_members.agent_id', '=', actor.agentId));
  }
  return null;
}

function filterConditions(eb: Eb, actor: AgentActor, view: InboxView, f: InboxFilters, search?: { plan: InboxSearch; exhaustive: boolean }): Expression<SqlBool> {
  const and: Expression<SqlBool>[] = [eb('tickets.merged_into_id', 'is', null)];
  if (f.status === 'unsolved') and.push(eb('tickets.status', 'in', unsolvedStatuses));
  else if (f.status !== 'any') and.push(eb('tickets.status', '=', f.status));
  if (f.priority) and.push(eb('tickets.priority', '=', f.priority));
  if (f.category) and.push(eb('tickets.category', '=', f.category));
  if (f.channel) and.push(eb('tickets.channel', '=', f.channel));
  if (f.locale) and.push(eb('tickets.locale', '=', f.locale));
  if (f.tag) {
    const tag = f.tag.trim().toLowerCase();
    and.push(eb.exists(eb.selectFrom('ticket_tags').select('ticket_tags.tag').whereRef('ticket_tags.ticket_id', '=', 'tickets.id').where('ticket_tags.tag', '=', tag)));
  }
  if (search) and.push(searchCondition(eb, search.plan, search.exhaustive));
  const byView = viewCondition(eb, actor, view);
  if (byView) and.push(byView);
  return eb.and(and);
}

interface CursorKey {
  r: number;
  u: string;
  i: string;
}

const encode = (key: CursorKey): string => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

function decode(cursor: string): CursorKey {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorKey>;
    if (typeof key.r === 'number' && Number.isInteger(key.r) && typeof key.u === 'string' && typeof key.i === 'string' && key.u.length < 40 && key.i.length < 40) {
      return key as CursorKey;
    }
  } catch {
    // fall through
  }
  throw new AppError('cursor_invalid', undefined, 'query.cursor');
}

export interface InboxRow {
  id: string;
  number: string;
  subject: string;
  status: Status;
  priority: Priority;
  channel: Channel;
  category: string;
  locale: string;
  customer_id: string;
  customer_name: string | null;
  customer_email: string | null;
  customer_external_id: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  team_id: string | null;
  team_name: string | null;
  created_at: string;
  updated_at: string;
  rank: number;
  tags: string[];
}

export interface InboxPage {
  items: InboxRow[];
  nextCursor: string | null;
}

export async function listInbox(
  db: DbOrTx,
  actor: AgentActor,
  opts: { view: InboxView; filters: InboxFilters; sort: InboxSort; limit: number; cursor?: string; ids?: string[] },
): Promise<InboxPage> {
  const plan = opts.filters.q ? await planSearch(db, opts.filters.q) : undefined;
  let query = db
    .selectFrom('tickets')
    .leftJoin('customers', 'customers.id', 'tickets.customer_id')
    .leftJoin('agents', 'agents.id', 'tickets.assignee_id')
    .leftJoin('teams', 'teams.id', 'tickets.team_id')
    .select([
      'tickets.id', 'tickets.number', 'tickets.subject', 'tickets.status', 'tickets.priority', 'tickets.channel', 'tickets.category',
      'tickets.locale', 'tickets.customer_id', 'tickets.assignee_id', 'tickets.team_id', 'tickets.created_at', 'tickets.updated_at',
      'customers.name as customer_name', 'customers.email as customer_email', 'customers.external_id as customer_external_id',
      'agents.name as assignee_name', 'teams.name as team_name',
    ])
    .select(opts.sort === 'priority' ? priorityRank.as('rank') : sql<number>`0`.as('rank'))
    .where((eb) => filterConditions(eb, actor, opts.view, opts.filters, plan && { plan, exhaustive: false }));
  if (opts.ids) query = query.where('tickets.id', 'in', opts.ids.length ? opts.ids : ['']);
  if (opts.cursor) {
    const k = decode(opts.cursor);
    const rank = opts.sort === 'priority' ? priorityRank : sql<number>`0`;
    query = query.where(sql<SqlBool>`(${rank} > ${k.r} or (${rank} = ${k.r} and (tickets.updated_at > ${k.u} or (tickets.updated_at = ${k.u} and tickets.id > ${k.i}))))`);
  }
  if (opts.sort === 'priority') query = query.orderBy(priorityRank);
  const rows = await query.orderBy('tickets.updated_at').orderBy('tickets.id').limit(opts.limit + 1).execute();
  const items = rows.slice(0, opts.limit);
  const tags = await tagsByTicket(db, items.map((r) => r.id));
  const last = items[items.length - 1];
  return {
    items: items.map((r) => ({ ...r, rank: Number(r.rank), tags: tags.get(r.id) ?? [] })),
    nextCursor: rows.length > opts.limit && last ? encode({ r: Number(last.rank), u: last.updated_at, i: last.id }) : null,
  };
}

/** How many tickets each view holds under the same filters. */
export async function countInboxViews(db: DbOrTx, actor: AgentActor, filters: InboxFilters): Promise<Record<InboxView, number>> {
  const plan = filters.q ? await planSearch(db, filters.q) : undefined;
  const counts = await Promise.all(
    inboxViews.map(async (view) => {
      const row = await db
        .selectFrom('tickets')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where((eb) => filterConditions(eb, actor, view, filters, plan && { plan, exhaustive: true }))
        .executeTakeFirstOrThrow();
      return [view, Number(row.n)] as const;
    }),
  );
  return Object.fromEntries(counts) as Record<InboxView, number>;
}

/** The tags most used on unsolved tickets, for the tag filter's suggestions. */
export async function popularTags(db: DbOrTx, limit = 30): Promise<string[]> {
  const rows = await db
    .selectFrom('ticket_tags')
    .innerJoin('tickets', 'tickets.id', 'ticket_tags.ticket_id')
    .select(['ticket_tags.tag', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('tickets.status', 'in', unsolvedStatuses)
    .where('tickets.merged_into_id', 'is', null)
    .groupBy('ticket_tags.tag')
    .orderBy('n', 'desc')
    .orderBy('ticket_tags.tag')
    .limit(limit)
    .execute();
  return rows.map((r) => r.tag);
}
