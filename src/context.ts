import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Database, Db, Tx } from './platform/db/index.js';
import type { Bus } from './platform/bus/bus.js';
import type { OutboxRelay } from './platform/bus/outbox.js';
import type { JobRunner } from './platform/jobs/jobs.js';
import type { Storage } from './platform/storage/storage.js';

/**
 * Everything a module needs from the platform, built once by `app.ts`. Domain code receives
 * this and never constructs drivers itself.
 */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  bus: Bus;
  relay: OutboxRelay;
  /** Durable jobs and event subscriptions that must not be lost (retried with backoff). */
  jobs: JobRunner;
  storage: Storage;
  log: Logger;
  /** Key for signed links and CSRF derivations (LEDGERDESK_SECRET or generated once). */
  secret: Buffer;
  /** Prints a one-time notice for the operator (the first admin's generated password). */
  announce: (text: string) => void;
  /** Runs `fn` in one transaction; events it recorded are relayed right after commit. */
  transaction<T>(fn: (trx: Tx) => Promise<T>): Promise<T>;
}
