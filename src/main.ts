import { Command } from 'commander';
import { buildApp, createLogger } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openDatabase } from './platform/db/index.js';
import { migrateToLatest } from './platform/db/migrate.js';

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}

async function start(): Promise<void> {
  const config = configOrExit();
  const app = await buildApp(config);
  const log = app.ctx.log;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      log.error('graceful shutdown timed out; exiting');
      process.exit(1);
    }, config.SHUTDOWN_GRACE_MS);
    force.unref();
    await app.close();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  await app.http.listen({ port: config.PORT, host: config.HOST });
  log.info({ url: config.PUBLIC_URL, database: app.ctx.database.dialect }, 'LedgerDesk is ready');
}

async function migrate(): Promise<void> {
  const config = configOrExit();
  const database = openDatabase({ url: config.DATABASE_URL, sqliteSynchronous: config.SQLITE_SYNCHRONOUS });
  try {
    const applied = await migrateToLatest(database.db);
    process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Database is up to date.\n');
  } finally {
    await database.close();
  }
}

async function seed(): Promise<void> {
  // Building the app runs migrations and every module's idempotent bootstrap, demo content included.
  const config = { ...configOrExit(), SEED_DEMO: true };
  const app = await buildApp(config, { logger: createLogger(config) });
  await app.close();
  process.stdout.write('Seed content is in place.\n');
}

export function cli(): Command {
  const program = new Command()
    .name('ledgerdesk')
    .description('LedgerDesk: customer support for digital-asset exchanges. Configuration comes from environment variables (see README).')
    .showHelpAfterError();
  program.command('start').description('Serve the API, customer portal and console (migrates and seeds on first start)').action(start);
  program.command('migrate').description('Apply pending database migrations and exit').action(migrate);
  program.command('seed').description('Create the first admin and demo content if missing, then exit').action(seed);
  return program;
}

const entry = process.argv[1] ?? '';
// Run when executed directly (tsx src/main.ts); bin/ledgerdesk.js imports cli() instead.
if (entry.endsWith('main.ts') || entry.endsWith('main.js')) {
  await cli().parseAsync(process.argv);
}
