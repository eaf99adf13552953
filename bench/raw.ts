/**
 * The floor the API is measured against: the same rows a ticket create writes (number from the
 * counter row on SQLite or the sequence on PostgreSQL, ticket, first message, one transaction) and the same primary-key read, straight through
 * the driver with no HTTP, validation or Kysely in between.
 */
import { randomBytes } from 'node:crypto';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { newId, nowIso } from '../src/platform/db/ids.js';

export interface RawResult {
  createsPerSecond: number;
  readsPerSecond: number;
  creates: number;
  reads: number;
}

const MAX_OPS = 200_000;

function ticketRow(customerId: string, n: number) {
  const now = nowIso();
  return {
    id: newId(),
    number: `RAW-${n}`,
    subject: `Deposit not credited #${n}`,
    status: 'new',
    priority: 'normal',
    channel: 'api',
    category: 'deposit',
    fields: '{}',
    locale: 'en',
    customer_id: customerId,
    created_at: now,
    updated_at: now,
  };
}

const body = (n: number) => `I sent 250 USDT over TRC20 an hour ago (tx ${n.toString(16).padStart(8, '0')}), it is not in my spot wallet yet.`;

/** SQLite, same pragmas as the server; `path` must already be migrated. */
export function rawSqlite(path: string, seconds: number): RawResult {
  const db = new SQLite(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  const customerId = newId();
  db.prepare("insert into customers (id, email, locale, verified, created_at, updated_at) values (?, ?, 'en', 0, ?, ?)").run(customerId, 'raw@example.test', nowIso(), nowIso());
  db.prepare("insert into ticket_counter (name, value) values ('raw', 0) on conflict do nothing").run();
  const bump = db.prepare("update ticket_counter set value = value + 1 where name = 'raw' returning value");
  const insertTicket = db.prepare(
    'insert into tickets (id, number, subject, status, priority, channel, category, fields, locale, customer_id, created_at, updated_at) values (@id, @number, @subject, @status, @priority, @channel, @category, @fields, @locale, @customer_id, @created_at, @updated_at)',
  );
  const insertMessage = db.prepare("insert into messages (id, ticket_id, author_type, author_id, visibility, body, channel, created_at) values (?, ?, 'customer', ?, 'public', ?, 'api', ?)");
  const create = db.transaction(() => {
    const { value } = bump.get() as { value: number };
    const row = ticketRow(customerId, value);
    insertTicket.run(row);
    insertMessage.run(newId(), row.id, customerId, body(value), row.created_at);
    return row.id;
  });
  const ids: string[] = [];
  let deadline = Date.now() + seconds * 1000;
  let t0 = performance.now();
  while (Date.now() < deadline && ids.length < MAX_OPS) ids.push(create());
  const createsPerSecond = ids.length / ((performance.now() - t0) / 1000);

  const read = db.prepare('select * from tickets where id = ?');
  let reads = 0;
  deadline = Date.now() + seconds * 1000;
  t0 = performance.now();
  while (Date.now() < deadline && reads < MAX_OPS) {
    read.get(ids[reads % ids.length]);
    reads += 1;
  }
  const readsPerSecond = reads / ((performance.now() - t0) / 1000);
  db.close();
  return { createsPerSecond: Math.round(createsPerSecond), readsPerSecond: Math.round(readsPerSecond), creates: ids.length, reads };
}

/** PostgreSQL through a pg pool with `concurrency` clients in flight, like the server's pool. */
export async function rawPostgres(url: string, schema: string, seconds: number, concurrency: number): Promise<RawResult> {
  const pool = new pg.Pool({ connectionString: url, max: concurrency, options: `-c search_path=${schema}` });
  try {
    const customerId = newId();
    await pool.query("insert into customers (id, email, locale, verified, created_at, updated_at) values ($1, 'raw@example.test', 'en', 0, $2, $2)", [customerId, nowIso()]);
    const ids: string[] = [];
    const create = async () => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const { rows } = await client.query<{ value: string }>("select nextval('ticket_number_seq') as value");
        const n = Number(rows[0]!.value);
        const r = ticketRow(customerId, n);
        await client.query(
          'insert into tickets (id, number, subject, status, priority, channel, category, fields, locale, customer_id, created_at, updated_at) values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)',
          [r.id, r.number, r.subject, r.status, r.priority, r.channel, r.category, r.fields, r.locale, r.customer_id, r.created_at, r.updated_at],
        );
        await client.query("insert into messages (id, ticket_id, author_type, author_id, visibility, body, channel, created_at) values ($1, $2, 'customer', $3, 'public', $4, 'api', $5)", [newId(), r.id, customerId, body(n), r.created_at]);
        await client.query('commit');
        ids.push(r.id);
      } catch (err) {
        await client.query('rollback');
        throw err;
      } finally {
        client.release();
      }
    };
    const drive = async (op: () => Promise<void>): Promise<{ count: number; perSecond: number }> => {
      const deadline = Date.now() + seconds * 1000;
      let count = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (Date.now() < deadline && count < MAX_OPS) {
            count += 1;
            await op();
          }
        }),
      );
      return { count, perSecond: Math.round(count / ((performance.now() - t0) / 1000)) };
    };
    const creates = await drive(create);
    let i = 0;
    const reads = await drive(async () => {
      i += 1;
      await pool.query('select * from tickets where id = $1', [ids[i % ids.length]]);
    });
    return { createsPerSecond: creates.perSecond, readsPerSecond: reads.perSecond, creates: creates.count, reads: reads.count };
  } finally {
    await pool.end();
  }
}

export const freshSchemaName = () => `bench_${randomBytes(5).toString('hex')}`;
