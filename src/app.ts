import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { pino, type Logger } from 'pino';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { openConfiguredDatabase, type Database } from './platform/db/index.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { GroupCommitter } from './platform/db/groupCommit.js';
import { InProcessBus, type Bus } from './platform/bus/bus.js';
import { RedisBus } from './platform/bus/redis.js';
import { OutboxRelay } from './platform/bus/outbox.js';
import { JobRunner } from './platform/jobs/jobs.js';
import { LocalStorage } from './platform/storage/storage.js';
import { frameworkErrorHandler, installErrorHandling } from './platform/http/errorHandler.js';
import { registerHealth } from './platform/http/health.js';
import { registerApiDocs } from './platform/http/openapi.js';
import { registerAuthentication } from './modules/identity/http/authenticate.js';
import { modules } from './modules/index.js';

export interface BuildOptions {
  /** Logger to use instead of one built from LOG_LEVEL (tests pass a silent one). */
  logger?: Logger;
  /** Skip migrations and bootstrap (the `migrate` command runs them itself). */
  skipBootstrap?: boolean;
  /** Where one-time notices for the operator go (default stdout); CLI commands whose stdout is data pass stderr. */
  announce?: (text: string) => void;
}

export interface App {
  http: FastifyInstance;
  ctx: AppContext;
  /** /readyz answers 503 from now on, so load balancers stop sending before we stop listening. */
  markShuttingDown(): void;
  close(): Promise<void>;
}

export function createLogger(config: Config): Logger {
  return pino({
    level: config.LOG_LEVEL,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: '[redacted]' },
  });
}

/** Builds a ready-to-listen LedgerDesk from a validated config. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<App> {
  const log = options.logger ?? createLogger(config);
  const database = await openConfiguredDatabase(config);
  if (!options.skipBootstrap) await migrateToLatest(database.db, database.schema);

  const bus: Bus = config.REDIS_URL ? await RedisBus.connect(config.REDIS_URL, log) : new InProcessBus(log);
  const jobs = new JobRunner(database, log);
  const relay = new OutboxRelay(database, bus, log, jobs);
  // PostgreSQL commits concurrently on its own; SQLite's single writer gains from batching.
  const groupCommit = database.dialect === 'sqlite' ? new GroupCommitter(database.db) : undefined;
  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    bus,
    relay,
    jobs,
    storage: new LocalStorage(join(config.DATA_DIR, 'attachments')),
    log,
    secret: await loadSecret(database, config),
    announce: options.announce ?? ((text) => void process.stdout.write(text)),
    transaction: async (fn) => {
      const result = groupCommit ? await groupCommit.run(fn) : await database.db.transaction().execute(fn);
      relay.kick();
      return result;
    },
  };

  let shuttingDown = false;
  const http = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    trustProxy: config.TRUST_PROXY,
    bodyLimit: config.MAX_JSON_BYTES,
    forceCloseConnections: 'idle',
    // One line per request costs ~20% throughput; errors are logged by our handler anyway.
    logController: new LogController({ disableRequestLogging: config.LOG_LEVEL !== 'debug' && config.LOG_LEVEL !== 'trace' }),
    ajv: { customOptions: { removeAdditional: false } },
    frameworkErrors: frameworkErrorHandler,
  });
  http.setValidatorCompiler(validatorCompiler);
  http.setSerializerCompiler(serializerCompiler);
  installErrorHandling(http);
  await http.register(cookie);
  await http.register(formbody);
  await http.register(multipart, {
    limits: { fileSize: config.MAX_ATTACHMENT_BYTES, files: config.MAX_ATTACHMENTS_PER_MESSAGE, fields: 50, fieldSize: 256 * 1024 },
  });
  await registerApiDocs(http);
  registerAuthentication(http, ctx);
  registerHealth(http, database, () => shuttingDown);
  for (const module of modules) await http.register(async (scope) => module.register(scope, ctx));

  if (!options.skipBootstrap) {
    for (const module of modules) await module.bootstrap?.(ctx);
  }
  relay.start();
  jobs.start();
  await http.ready();

  return {
    http,
    ctx,
    markShuttingDown: () => {
      shuttingDown = true;
    },
    close: async () => {
      shuttingDown = true;
      await http.close();
      await relay.stop();
      await jobs.stop();
      await bus.close();
      await database.close();
    },
  };
}

/** The signing key: from config, or generated once and kept in the database so every node shares it. */
async function loadSecret(database: Database, config: Config): Promise<Buffer> {
  if (config.LEDGERDESK_SECRET) return Buffer.from(config.LEDGERDESK_SECRET, 'utf8');
  const { db } = database;
  const existing = await db.selectFrom('settings').select('value').where('key', '=', 'secret').executeTakeFirst();
  if (existing) return Buffer.from(existing.value, 'base64url');
  const fresh = randomBytes(32).toString('base64url');
  await db.insertInto('settings').values({ key: 'secret', value: fresh }).onConflict((oc) => oc.column('key').doNothing()).execute();
  // Another node may have won the race: read back whatever is stored.
  const stored = await db.selectFrom('settings').select('value').where('key', '=', 'secret').executeTakeFirstOrThrow();
  return Buffer.from(stored.value, 'base64url');
}
