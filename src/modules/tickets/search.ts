import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely';
import { dialectOf, type DialectName } from '../../platform/db/dialect.js';
import { matchesAllTerms, termsInclude } from '../../platform/db/fullText.js';
import type { DbOrTx, Tx } from '../../platform/db/index.js';
import type { DB } from '../../platform/db/schema.js';
import { documentTerms, queryTerms, type QueryTerm } from '../../platform/search/terms.js';
import type { MessageRow, TicketRow } from './ticketEvents.js';

/**
 * The tickets' full-text index (migration 014): one `ticket_search` row for the subject and one
 * per message, written in the same transaction as the text, so a search never misses a committed
 * message nor finds a rolled-back one. Only stored text is indexed: message bodies and subjects
 * are redacted before they are stored, so secrets never reach the index.
 */

type SearchDoc = Pick<MessageRow, 'id' | 'ticket_id' | 'visibility' | 'body'>;
const messageDoc = (m: SearchDoc) => ({ ticket_id: m.ticket_id, message_id: m.id, internal: m.visibility === 'internal' ? 1 : 0, terms: documentTerms(m.body) });
const subjectDoc = (ticketId: string, subject: string) => ({ ticket_id: ticketId, message_id: null, internal: 0, terms: documentTerms(subject) });

/** Indexes a message just inserted; every message insert goes through here. */
export async function indexMessage(trx: Tx, message: SearchDoc): Promise<void> {
  await trx.insertInto('ticket_search').values(messageDoc(message)).execute();
}

/** A new ticket's subject and first message, in one statement. */
export async function indexNewTicket(trx: Tx, ticket: Pick<TicketRow, 'id' | 'subject'>, message: SearchDoc): Promise<void> {
  await trx.insertInto('ticket_search').values([subjectDoc(ticket.id, ticket.subject), messageDoc(message)]).execute();
}

/** A changed subject replaces the ticket's subject row (rows are never updated: see migration 014). */
export async function reindexSubject(trx: Tx, ticketId: string, subject: string): Promise<void> {
  await trx.deleteFrom('ticket_search').where('ticket_id', '=', ticketId).where('message_id', 'is', null).execute();
  await trx.insertInto('ticket_search').values(subjectDoc(ticketId, subject)).execute();
}

export type SearchAudience = 'agent' | 'customer';

/**
 * Above this many matching rows a first page is found faster by walking the inbox in its own
 * order (an index) and testing each ticket's few rows than by collecting every match and sorting:
 * a common word (充值, deposit) matches tens of thousands of rows, of which a page needs fifty.
 */
const FEW_MATCHES = 2000;

export interface TextSearch {
  q: string;
  terms: QueryTerm[];
  audience: SearchAudience;
  dialect: DialectName;
  /** More than FEW_MATCHES subject/message rows match (or customers, for `manyCustomers`). */
  manyTickets: boolean;
  manyCustomers: boolean;
}

async function moreThanFew(db: DbOrTx, table: 'ticket_search' | 'customer_search', terms: QueryTerm[], publicOnly: boolean): Promise<boolean> {
  let rows = db.selectFrom(table).select(sql.lit(1).as('one')).where(matchesAllTerms(dialectOf(db), table, terms));
  if (publicOnly && table === 'ticket_search') rows = rows.where('internal', '=', 0);
  const { n } = await db.selectFrom(rows.limit(FEW_MATCHES + 1).as('m')).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(n) > FEW_MATCHES;
}

/** Decides how a text search runs: two bounded counts over the full-text indexes. */
export async function planTextSearch(db: DbOrTx, q: string, audience: SearchAudience): Promise<TextSearch> {
  const terms = queryTerms(q);
  const plan = { q, terms, audience, dialect: dialectOf(db), manyTickets: false, manyCustomers: false };
  if (terms.length === 0) return plan;
  const [manyTickets, manyCustomers] = await Promise.all([
    moreThanFew(db, 'ticket_search', terms, audience === 'customer'),
    audience === 'agent' ? moreThanFew(db, 'customer_search', terms, false) : false,
  ]);
  return { ...plan, manyTickets, manyCustomers };
}

/**
 * One probed row holds every query term. PostgreSQL tests its tsvector (and may turn the probe
 * into one hashed look-up through the GIN index, which it does for an EXISTS inside an OR);
 * SQLite tests the stored terms text, as its FTS5 index cannot be asked about one row.
 */
function rowHasTerms(s: TextSearch, table: 'ticket_search' | 'customer_search', alias: string): RawBuilder<SqlBool> {
  return s.dialect === 'postgres' ? matchesAllTerms('postgres', table, s.terms, alias) : termsInclude(`${alias}.terms`, s.terms);
}

/**
 * Tickets whose subject or one message holds every word of the query (as a prefix for Latin
 * words; see platform/search/terms.ts), or — for agents — whose customer's name, email or UID
 * does, or whose customer's UID is exactly the query. Customers never match internal notes.
 * Callers still confine the result to what the asker may see. `exhaustive`: the caller counts
 * every match rather than reading a page, so collecting all matches is the right plan.
 */
export function textSearchCondition(eb: ExpressionBuilder<DB, 'tickets'>, s: TextSearch, exhaustive = false): Expression<SqlBool> {
  const byUid = eb('tickets.customer_id', 'in', eb.selectFrom('customers').select('customers.id').where('customers.external_id', '=', s.q));
  if (s.terms.length === 0) return s.audience === 'agent' ? byUid : sql<SqlBool>`1 = 0`;
  const publicOnly = s.audience === 'customer';
  let inText: Expression<SqlBool>;
  if (s.manyTickets && !exhaustive) {
    // A parameter LIMIT keeps PostgreSQL from turning this into a join over every row; the
    // walk stops at the page's end.
    let probe = eb.selectFrom('ticket_search as s').select(sql.lit(1).as('one')).whereRef('s.ticket_id', '=', 'tickets.id').where(rowHasTerms(s, 'ticket_search', 's'));
    if (publicOnly) probe = probe.where('s.internal', '=', 0);
    inText = eb.exists(probe.limit(1));
  } else {
    let rows = eb.selectFrom('ticket_search').select('ticket_search.ticket_id').where(matchesAllTerms(s.dialect, 'ticket_search', s.terms));
    if (publicOnly) rows = rows.where('ticket_search.internal', '=', 0);
    inText = eb('tickets.id', 'in', rows);
  }
  if (s.audience === 'customer') return inText;
  if (s.dialect === 'postgres' && !s.manyTickets && !s.manyCustomers) {
    // Few matches: one set of ticket ids to start from. As an OR of three IN lists PostgreSQL
    // walked the whole inbox order testing each ticket against hashed lists (a UID took 130 ms).
    let text = eb.selectFrom('ticket_search').select('ticket_search.ticket_id as id').where(matchesAllTerms('postgres', 'ticket_search', s.terms));
    if (publicOnly) text = text.where('ticket_search.internal', '=', 0);
    const customerIds = eb.selectFrom('customer_search').select('customer_search.customer_id').where(matchesAllTerms('postgres', 'customer_search', s.terms))
      .union(eb.selectFrom('customers').select('customers.id as customer_id').where('customers.external_id', '=', s.q));
    const ofCustomers = eb.selectFrom('tickets as mine').select('mine.id').where('mine.customer_id', 'in', customerIds);
    return eb('tickets.id', 'in', text.union(ofCustomers));
  }
  const byCustomer = s.manyCustomers && !exhaustive
    ? eb.exists(eb.selectFrom('customer_search as c').select(sql.lit(1).as('one')).whereRef('c.customer_id', '=', 'tickets.customer_id').where(rowHasTerms(s, 'customer_search', 'c')).limit(1))
    : eb('tickets.customer_id', 'in', eb.selectFrom('customer_search').select('customer_search.customer_id').where(matchesAllTerms(s.dialect, 'customer_search', s.terms)));
  return eb.or([inText, byCustomer, byUid]);
}
