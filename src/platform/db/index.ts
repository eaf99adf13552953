import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import type { Config } from '../../config.js';
import pg from 'pg';
import type { DB } from './schema.js';
import type { DialectName } from './dialect.js';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** Either the root handle or an open transaction: commands accept both. */
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  dialect: DialectName;
  /** PostgreSQL schema this handle is confined to, if not the default. */
  schema?: string;
  /** Cheap round trip for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  url: string;
  poolSize?: number;
  sqliteSynchronous?: 'FULL' | 'NORMAL';
  /** PostgreSQL schema to use (tests give every app its own). */
  pgSchema?: string;
}

// COUNT(*) and BIGINT come back as strings by default; our counts and sizes fit in a double.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

/** The database the configuration names; on PostgreSQL its DATABASE_SCHEMA is created if missing. */
export async function openConfiguredDatabase(config: Pick<Config, 'DATABASE_URL' | 'DATABASE_POOL_SIZE' | 'DATABASE_SCHEMA' | 'SQLITE_SYNCHRONOUS'>): Promise<Database> {
  const database = openDatabase({
    url: config.DATABASE_URL,
    poolSize: config.DATABASE_POOL_SIZE,
    sqliteSynchronous: config.SQLITE_SYNCHRONOUS,
    ...(config.DATABASE_SCHEMA ? { pgSchema: config.DATABASE_SCHEMA } : {}),
  });
  if (database.dialect === 'postgres' && database.schema) {
    try {
      await sql`create schema if not exists ${sql.id(database.schema)}`.execute(database.db);
    } catch (err) {
      await database.close();
      throw err;
    }
  }
  return database;
}

export function openDatabase(opts: OpenDatabaseOptions): Database {
  if (opts.url.startsWith('sqlite:')) return openSqlite(opts);
  return openPostgres(opts);
}

function openSqlite(opts: OpenDatabaseOptions): Database {
  const path = opts.url.slice('sqlite:'.length);
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new SQLite(path);
  // WAL lets readers run beside the writer; with synchronous=NORMAL a commit survives a
  // process crash (SIGKILL) and FULL additionally survives power loss.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${opts.sqliteSynchronous ?? 'NORMAL'}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return {
    db,
    dialect: 'sqlite',
    ping: async () => {
      sqlite.prepare('select 1').get();
    },
    close: () => db.destroy(),
  };
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query afresh; compiling SQL is a fifth of the server's CPU under load.
 * Our queries repeat a few hundred shapes, so keep their prepared statements (LRU-bounded,
 * since `in (?, ?, …)` lists make new shapes). A statement still iterating cannot be reused;
 * then a fresh one is prepared.
 */
function withStatementCache(sqlite: SQLite.Database): { prepare(sql: string): SQLite.Statement; close(): void } {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(sql) {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = sqlite.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      return statement;
    },
    close: () => sqlite.close(),
  };
}

function openPostgres(opts: OpenDatabaseOptions): Database {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolSize ?? 10,
    connectionTimeoutMillis: 3000,
    ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
  });
  // A client losing its server emits 'error'. The pool listens only while a client is idle;
  // one that is checked out between two queries (inside a transaction) would crash the
  // process. Listen on every client: the query in progress, or the next one, reports it.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    ...(opts.pgSchema ? { schema: opts.pgSchema } : {}),
    ping: async () => {
      const client = await pool.connect();
      try {
        await client.query('select 1');
      } finally {
        client.release();
      }
    },
    close: () => db.destroy(),
  };
}
