import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { buildApp, type App } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';

/**
 * Tests run once on SQLite and once on PostgreSQL (scripts/test.mjs sets TEST_DATABASE_URL).
 * Every test app gets its own SQLite file or its own PostgreSQL schema (`t_` + 12 hex digits), so test files run in
 * parallel without truncating each other's tables.
 */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL ?? '';
export const onPostgres = testDatabaseUrl.startsWith('postgres');

/**
 * A fresh PostgreSQL schema name: `t_` / `p_`, the pid of the scripts/test.mjs run that owns it
 * (0 when run outside it), and 12 hex digits. The pid lets two test runs share one database: each
 * drops only its own schemas and those of runs that are no longer alive.
 */
export const testSchemaName = (kind: 't' | 'p'): string =>
  `${kind}_${process.env.TEST_RUN_ID ?? '0'}_${randomBytes(6).toString('hex')}`;

export interface TestApp extends App {
  config: Config;
  dataDir: string;
}

export interface TestAppOptions {
  /** A second node on the same database and data folder (scale-out tests); it owns neither. */
  sameDatabaseAs?: TestApp;
}

export async function createTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const first = options.sameDatabaseAs;
  const dataDir = first?.dataDir ?? mkdtempSync(join(tmpdir(), 'ledgerdesk-test-'));
  const schema = first ? first.config.DATABASE_SCHEMA : onPostgres ? testSchemaName('t') : undefined;
  const config = loadConfig({
    DATABASE_URL: onPostgres ? testDatabaseUrl : `sqlite:${join(dataDir, 'test.db')}`,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    SEED_HELP_CENTER: 'false',
    LEDGERDESK_ADMIN_PASSWORD: 'admin-password-for-tests',
    DATABASE_POOL_SIZE: '4',
    // scripts/test.mjs gives each run one folder: the shipped intents train once per run, not per file.
    ...(process.env.TEST_MODEL_CACHE_DIR ? { BOT_MODEL_CACHE_DIR: process.env.TEST_MODEL_CACHE_DIR } : {}),
    ...(schema ? { DATABASE_SCHEMA: schema } : {}),
    ...env,
  });
  const app = await buildApp(config, { logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
  return {
    ...app,
    config,
    dataDir,
    close: async () => {
      await app.close();
      // PostgreSQL schemas are dropped by scripts/test.mjs once the pass is over: Kysely's
      // migrator lists tables across all schemas, and fails if one vanishes mid-query.
      if (!first) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
