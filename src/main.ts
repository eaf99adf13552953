import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { buildApp, createLogger, type App } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openConfiguredDatabase } from './platform/db/index.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { isDatabaseUnavailable } from './platform/db/errors.js';
import { TrafficMonitor } from './platform/http/shutdown.js';
import { registerKbCommands } from './cli/kb.js';
import { registerBotCommands } from './cli/bot.js';

/** Exit codes scripts and orchestrators can tell apart. */
const EXIT_CONFIG = 2;
const EXIT_STARTUP = 1;

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee the configuration table in README.md.\n`);
      process.exit(EXIT_CONFIG);
    }
    throw err;
  }
}

/** Where the database is, without credentials, for error messages. */
function describeDatabase(url: string): string {
  if (url.startsWith('sqlite:')) return url;
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'postgres (unparsable URL)';
  }
}

/** A start that cannot complete says why in one line and exits non-zero, instead of a stack trace. */
function failStartup(config: Config, err: unknown): never {
  const reason = err instanceof Error ? err.message : String(err);
  if (isDatabaseUnavailable(err) || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|timeout/i.test(reason)) {
    process.stderr.write(
      `LedgerDesk could not start: the database at ${describeDatabase(config.DATABASE_URL)} is unreachable (${reason || (err as { code?: string }).code}).\n` +
        'Check DATABASE_URL and that the database server is running.\n',
    );
  } else {
    process.stderr.write(`LedgerDesk could not start: ${reason}\n`);
    if (err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  }
  process.exit(EXIT_STARTUP);
}

async function bootApp(config: Config, seedDemo?: boolean): Promise<App> {
  try {
    const effective = seedDemo === undefined ? config : { ...config, SEED_DEMO: seedDemo };
    return await buildApp(effective, { logger: createLogger(config) });
  } catch (err) {
    failStartup(config, err);
  }
}

async function start(): Promise<void> {
  const config = configOrExit();
  const app = await bootApp(config);
  const log = app.ctx.log;
  const traffic = new TrafficMonitor(app.http.server);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, inFlight: traffic.requestsInFlight }, 'shutting down: finishing in-flight requests');
    app.markShuttingDown();
    // A request that never ends must not keep the process alive forever.
    const force = setTimeout(() => {
      log.error({ graceMs: config.SHUTDOWN_GRACE_MS }, 'graceful shutdown timed out; exiting');
      process.exit(1);
    }, config.SHUTDOWN_GRACE_MS);
    force.unref();
    try {
      await traffic.drain(Math.min(5_000, config.SHUTDOWN_GRACE_MS / 3));
      // Closes remaining connections once their requests are answered, drains the outbox, closes the database.
      await app.close();
    } catch (err) {
      log.error({ err }, 'error while shutting down');
      process.exit(1);
    }
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  try {
    await app.http.listen({ port: config.PORT, host: config.HOST });
  } catch (err) {
    await app.close().catch(() => undefined);
    failStartup(config, err);
  }
  log.info({ url: config.PUBLIC_URL, port: config.PORT, database: app.ctx.database.dialect }, 'LedgerDesk is ready');
}

async function migrate(): Promise<void> {
  const config = configOrExit();
  let applied: string[] = [];
  try {
    const database = await openConfiguredDatabase(config);
    try {
      applied = await migrateToLatest(database.db, database.schema);
    } finally {
      await database.close();
    }
  } catch (err) {
    failStartup(config, err);
  }
  process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Database is up to date.\n');
}

async function seed(): Promise<void> {
  // Building the app runs migrations and every module's idempotent bootstrap, demo content included.
  const config = configOrExit();
  const app = await bootApp(config, true);
  await app.close();
  process.stdout.write('Seed content is in place.\n');
}

/** package.json sits one folder up from src/main.ts and two up from dist/src/main.js. */
function version(): string {
  for (const candidate of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(candidate, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'ledgerdesk' && pkg.version) return pkg.version;
    } catch {
      // not at this level; try the next
    }
  }
  return '0.0.0';
}

const environmentHelp = `
Configuration comes from environment variables (PORT, DATABASE_URL, REDIS_URL, LOG_LEVEL, …);
every variable, its default and meaning is in the README's configuration table.
A bad value stops the command with exit code 2 and names the variable.

Examples:
  ledgerdesk start                                   embedded SQLite under ./data, port 3000
  DATABASE_URL=postgres://app@db/ledgerdesk ledgerdesk migrate
  LEDGERDESK_ADMIN_PASSWORD='a long passphrase' ledgerdesk start`;

export function cli(): Command {
  const program = new Command()
    .name('ledgerdesk')
    .description('LedgerDesk: self-hosted customer support for digital-asset exchanges.')
    .version(version(), '-v, --version')
    .showHelpAfterError()
    .addHelpText('after', environmentHelp);
  program
    .command('start')
    .description('Serve the API, customer portal and API docs; migrates the database and creates the first admin (and demo content) on first start')
    .addHelpText('after', '\nStops gracefully on SIGTERM/SIGINT: in-flight requests finish (up to SHUTDOWN_GRACE_MS), then it exits 0.')
    .action(start);
  program
    .command('migrate')
    .description('Apply pending database migrations to DATABASE_URL and exit (start does this too)')
    .action(migrate);
  program
    .command('seed')
    .description('Create the first admin account and the demo content if they are missing, then exit (idempotent)')
    .action(seed);
  registerKbCommands(program);
  registerBotCommands(program);
  return program;
}

const entry = process.argv[1] ?? '';
// Run when executed directly (tsx src/main.ts); bin/ledgerdesk.js imports cli() instead.
if (entry.endsWith('main.ts') || entry.endsWith('main.js')) {
  await cli().parseAsync(process.argv);
}
