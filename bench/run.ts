/**
 * `npm run bench`: ticket creates and reads through the HTTP API of a real server process,
 * driven by autocannon from another process, beside a raw-driver baseline from the same run;
 * on embedded SQLite and, when reachable, on PostgreSQL (a fresh schema, dropped afterwards).
 *
 *   node dist/bench/run.js [--seconds 10] [--connections 16] [--only sqlite|postgres] [--profile]
 *                          [--server-node-option=<flag> …] [--no-write]
 * --profile writes a V8 CPU profile of the server to bench/results/profiles/ (summarise it with
 * `node dist/bench/profile.js <file>`).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openConfiguredDatabase, openDatabase } from '../src/platform/db/index.js';
import { dropSchema, withPgClient } from '../src/platform/db/postgresAdmin.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import type { LoadResult, LoadSpec } from './load.js';
import { freshSchemaName, rawPostgres, rawSqlite, type RawResult } from './raw.js';
import { judge, markdown, writeReport, type BenchReport, type TargetRun } from './report.js';
import { entryArgs, provisionToken, root, startServer } from './server.js';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    only: { type: 'string' },
    profile: { type: 'boolean', default: false },
    /** Extra flag for the server's node (repeatable), e.g. --server-node-option=--import=./patch.mjs for experiments. */
    'server-node-option': { type: 'string', multiple: true, default: [] },
    /** Experiments: print only, write neither bench/results nor README.md. */
    'no-write': { type: 'boolean', default: false },
  },
});
const seconds = Math.min(120, Math.max(1, Number(args.seconds)));
const connections = Math.min(256, Math.max(1, Number(args.connections)));
const WARMUP_SECONDS = 3;
const READ_POOL = 1000;
const pgUrl = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const say = (line: string) => process.stdout.write(`${line}\n`);

/** Runs the load generator in its own process and returns its figures. */
function load(spec: LoadSpec, scratch: string): Promise<LoadResult> {
  const specFile = join(scratch, `load-${spec.kind}.json`);
  writeFileSync(specFile, JSON.stringify(spec));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...entryArgs('bench/load.ts'), specFile], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), (spec.durationSeconds + 60) * 1000);
    child.once('exit', (code) => {
      clearTimeout(killer);
      if (code === 0) resolve(JSON.parse(out) as LoadResult);
      else reject(new Error(`load generator exited with ${code}`));
    });
  });
}

async function benchDatabase(database: 'sqlite' | 'postgres'): Promise<TargetRun> {
  const scratch = mkdtempSync(join(tmpdir(), 'ledgerdesk-bench-'));
  const schema = database === 'postgres' ? freshSchemaName() : undefined;
  const rawSchema = database === 'postgres' ? freshSchemaName() : undefined;
  try {
    say(`\n## ${database}`);
    let raw: RawResult;
    if (schema && rawSchema) {
      const rawDb = await openConfiguredDatabase({ DATABASE_URL: pgUrl, DATABASE_SCHEMA: rawSchema, DATABASE_POOL_SIZE: 2, SQLITE_SYNCHRONOUS: 'NORMAL' });
      await migrateToLatest(rawDb.db, rawSchema);
      await rawDb.close();
      raw = await rawPostgres(pgUrl, rawSchema, Math.min(seconds, 5), 10);
    } else {
      const rawPath = join(scratch, 'raw.db');
      const rawDb = openDatabase({ url: `sqlite:${rawPath}` });
      await migrateToLatest(rawDb.db);
      await rawDb.close();
      raw = rawSqlite(rawPath, Math.min(seconds, 5));
    }
    say(`raw driver: ${raw.createsPerSecond} creates/s, ${raw.readsPerSecond} reads/s`);

    const env: Record<string, string> = {
      DATABASE_URL: schema ? pgUrl : `sqlite:${join(scratch, 'ledgerdesk.db')}`,
      DATA_DIR: scratch,
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      LEDGERDESK_ADMIN_PASSWORD: 'bench-admin-password-not-secret',
      ...(schema ? { DATABASE_SCHEMA: schema } : {}),
    };
    const authorization = await provisionToken(env);
    const profileFlags = args.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(root, 'bench', 'results', 'profiles')}`] : [];
    const server = await startServer(env, [...profileFlags, ...(args['server-node-option'] ?? [])]);
    try {
      const base = { url: server.url, authorization, connections };
      say(`warm-up ${WARMUP_SECONDS} s…`);
      await load({ ...base, kind: 'create', durationSeconds: WARMUP_SECONDS }, scratch);

      const creates = await load({ ...base, kind: 'create', durationSeconds: seconds }, scratch);
      say(`creates: ${creates.perSecond}/s p50 ${creates.p50Ms} ms p99 ${creates.p99Ms} ms, errors ${creates.errors}, non-2xx ${creates.non2xx} ${JSON.stringify(creates.statusCodes)}`);

      const db = openDatabase({ url: env.DATABASE_URL!, poolSize: 1, ...(schema ? { pgSchema: schema } : {}) });
      const ids = (await db.db.selectFrom('tickets').select('id').orderBy('id', 'desc').limit(READ_POOL).execute()).map((r) => r.id);
      await db.close();
      if (ids.length === 0) throw new Error('no tickets were created; is POST /api/v1/tickets there?');
      await load({ ...base, kind: 'read', ids, durationSeconds: WARMUP_SECONDS }, scratch);
      const reads = await load({ ...base, kind: 'read', ids, durationSeconds: seconds }, scratch);
      say(`reads:   ${reads.perSecond}/s p50 ${reads.p50Ms} ms p99 ${reads.p99Ms} ms, errors ${reads.errors}, non-2xx ${reads.non2xx} ${JSON.stringify(reads.statusCodes)}`);
      const memory = server.memory();
      say(`server memory: peak ${memory.peakMiB} MiB, now ${memory.rssMiB} MiB`);
      return { database, creates, reads, raw, memory };
    } finally {
      const code = await server.stop();
      if (code !== 0) say(`server exited with ${code}:\n${server.output()}`);
    }
  } finally {
    if (schema && rawSchema) await Promise.all([dropSchema(pgUrl, schema), dropSchema(pgUrl, rawSchema)]).catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
  }
}

const report: BenchReport = {
  date: new Date().toISOString(),
  machine: { cpus: availableParallelism(), node: process.version, platform: `${process.platform}-${process.arch}` },
  settings: { seconds, connections },
  runs: [],
  skipped: [],
  targets: [],
};

if (args.only !== 'postgres') report.runs.push(await benchDatabase('sqlite'));
if (args.only !== 'sqlite') {
  const reachable = await withPgClient(pgUrl, async () => true).catch((err: unknown) => (err instanceof Error ? err.message : String(err)));
  if (reachable === true) report.runs.push(await benchDatabase('postgres'));
  else report.skipped.push(`PostgreSQL at ${new URL(pgUrl).host} unreachable (${reachable})`);
}
report.targets = judge(report.runs.find((r) => r.database === 'sqlite'));

say('');
say(markdown(report));
if (!args['no-write']) {
  const written = writeReport(root, report);
  say(`written: ${written.json}, ${written.md}${written.readme ? ', README.md' : ''}`);
}
process.exitCode = report.targets.every((t) => t.pass) ? 0 : 1;
