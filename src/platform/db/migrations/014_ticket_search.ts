import { sql, type Kysely } from 'kysely';
import { documentTerms } from '../../search/terms.js';
import { dialectOf, type DialectName } from '../dialect.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time and must not follow later schema types */

/**
 * Full-text search for the inbox (issue 5): `ticket_search` holds one row per ticket subject
 * (message_id null) and per message, `customer_search` one per customer (name, email, UID), each
 * with the terms of platform/search/terms.ts. SQLite indexes them in external-content FTS5 tables
 * kept by triggers, PostgreSQL with GIN over a generated tsvector of the same terms. Existing
 * rows are backfilled here with today's tokenizer; a tokenizer change needs a migration that
 * rebuilds the terms.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const id = (c: any) => (dialect === 'sqlite' ? c.primaryKey() : c.primaryKey().generatedByDefaultAsIdentity());
  const idType = dialect === 'sqlite' ? 'integer' : 'bigint';
  await db.schema
    .createTable('ticket_search')
    .addColumn('id', idType, id)
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('message_id', 'text')
    .addColumn('internal', 'integer', (c) => c.notNull())
    .addColumn('terms', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_search_ticket').on('ticket_search').columns(['ticket_id', 'message_id']).execute();
  await db.schema
    .createTable('customer_search')
    .addColumn('id', idType, id)
    .addColumn('customer_id', 'text', (c) => c.notNull().unique().references('customers.id'))
    .addColumn('terms', 'text', (c) => c.notNull())
    .execute();
  for (const table of ['ticket_search', 'customer_search']) await fullTextIndex(db, dialect, table);
  await backfill(db);
  await inboxIndexes(db);
}

/**
 * The inbox reads one page in waiting order (updated_at, id) or priority order (rank, updated_at,
 * id) under a view (assignee, team, all) and a status: each index serves a view walked in that
 * order, so a page stops after its fifty rows instead of sorting the whole queue. The rank is the
 * inbox's own expression, written identically so both databases match it to the index.
 */
async function inboxIndexes(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tickets_assignee').execute();
  await db.schema.createIndex('tickets_inbox_assignee').on('tickets').columns(['assignee_id', 'status', 'updated_at', 'id']).execute();
  await db.schema.createIndex('tickets_inbox_team').on('tickets').columns(['team_id', 'status', 'updated_at', 'id']).execute();
  await db.schema.createIndex('tickets_inbox_status').on('tickets').columns(['status', 'updated_at', 'id']).execute();
  await db.schema.createIndex('tickets_inbox_waiting').on('tickets').columns(['updated_at', 'id']).execute();
  const rank = sql`(case priority when 'low' then 3 when 'normal' then 2 when 'high' then 1 when 'urgent' then 0 end)`;
  await sql`create index tickets_inbox_priority on tickets (${rank}, updated_at, id)`.execute(db);
}

async function fullTextIndex(db: Kysely<any>, dialect: DialectName, table: string): Promise<void> {
  const t = sql.table(table);
  if (dialect === 'postgres') {
    await sql`alter table ${t} add column terms_vector tsvector generated always as (array_to_tsvector(string_to_array(terms, ' '))) stored`.execute(db);
    await sql`create index ${sql.id(`${table}_terms`)} on ${t} using gin (terms_vector)`.execute(db);
    return;
  }
  const fts = sql.table(`${table}_fts`);
  // No positions (detail=none): a query is a set of terms, never a phrase. Prefix indexes for
  // the short prefixes (one CJK character, two or three letters) that would otherwise scan.
  await sql`create virtual table ${fts} using fts5(terms, content=${sql.lit(table)}, content_rowid='id', detail=none, columnsize=0, prefix='1 2 3', tokenize='unicode61 remove_diacritics 0')`.execute(db);
  await sql`create trigger ${sql.id(`${table}_ai`)} after insert on ${t} begin insert into ${fts}(rowid, terms) values (new.id, new.terms); end`.execute(db);
  await sql`create trigger ${sql.id(`${table}_ad`)} after delete on ${t} begin insert into ${fts}(${fts}, rowid, terms) values ('delete', old.id, old.terms); end`.execute(db);
  await sql`create trigger ${sql.id(`${table}_au`)} after update of terms on ${t} begin insert into ${fts}(${fts}, rowid, terms) values ('delete', old.id, old.terms); insert into ${fts}(rowid, terms) values (new.id, new.terms); end`.execute(db);
}

const BATCH = 500;

/** Keyset walk over `table` by id, `BATCH` rows at a time. */
async function eachBatch<R extends { id: string }>(read: (after: string) => Promise<R[]>, write: (rows: R[]) => Promise<unknown>): Promise<void> {
  for (let after = ''; ; ) {
    const rows = await read(after);
    if (rows.length === 0) return;
    await write(rows);
    after = rows[rows.length - 1]!.id;
  }
}

async function backfill(db: Kysely<any>): Promise<void> {
  await eachBatch(
    (after) => db.selectFrom('customers').select(['id', 'name', 'email', 'external_id']).where('id', '>', after).orderBy('id').limit(BATCH).execute(),
    (rows) => db.insertInto('customer_search').values(rows.map((r) => ({ customer_id: r.id, terms: documentTerms(r.name, r.email, r.external_id) }))).execute(),
  );
  await eachBatch(
    (after) => db.selectFrom('tickets').select(['id', 'subject']).where('id', '>', after).orderBy('id').limit(BATCH).execute(),
    (rows) => db.insertInto('ticket_search').values(rows.map((r) => ({ ticket_id: r.id, message_id: null, internal: 0, terms: documentTerms(r.subject) }))).execute(),
  );
  await eachBatch(
    (after) => db.selectFrom('messages').select(['id', 'ticket_id', 'visibility', 'body']).where('id', '>', after).orderBy('id').limit(BATCH).execute(),
    (rows) => db.insertInto('ticket_search').values(rows.map((r) => ({ ticket_id: r.ticket_id, message_id: r.id, internal: r.visibility === 'internal' ? 1 : 0, terms: documentTerms(r.body) }))).execute(),
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ['tickets_inbox_assignee', 'tickets_inbox_team', 'tickets_inbox_status', 'tickets_inbox_waiting', 'tickets_inbox_priority']) {
    await db.schema.dropIndex(index).execute();
  }
  await db.schema.createIndex('tickets_assignee').on('tickets').columns(['assignee_id', 'status']).execute();
  if (dialectOf(db) === 'sqlite') {
    await sql`drop table if exists ticket_search_fts`.execute(db);
    await sql`drop table if exists customer_search_fts`.execute(db);
  }
  await db.schema.dropTable('ticket_search').execute();
  await db.schema.dropTable('customer_search').execute();
}
