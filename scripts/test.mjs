#!/usr/bin/env node
// Runs every test file on SQLite, then again on PostgreSQL, and prints one summary line.
// Locally a missing PostgreSQL (or Chromium) is skipped with a visible reason; under CI=true
// nothing may be skipped, so a missing service fails the run.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { availableParallelism, tmpdir } from 'node:os';
import pg from 'pg';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const ci = process.env.CI === 'true';
const pgUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const only = process.argv.slice(2);

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...findTests(path));
    else if (name.endsWith('.test.ts')) out.push(relative(root, path));
  }
  return out;
}

/**
 * Test apps each get a schema (`t_<run>_…`, process tests `p_<run>_…`, where <run> is this
 * runner's pid). They are dropped here, after the pass, not by each test: Kysely's migrator lists
 * tables across all schemas and fails when one disappears under it. Only this run's schemas and
 * those of runs no longer alive are dropped, so two runs can share the database.
 */
async function dropTestSchemas() {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`select nspname from pg_namespace where nspname ~ '^[tp]_[0-9]+_[0-9a-f]{12}$'`);
    for (const { nspname } of rows) {
      const run = Number(nspname.split('_')[1]);
      if (run === process.pid || !alive(run)) await client.query(`drop schema if exists "${nspname}" cascade`);
    }
  } finally {
    await client.end();
  }
}

function alive(pid) {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

async function postgresReachable() {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

function runPass(label, files, env) {
  // With no file arguments `node --test` would search the tree for tests on its own.
  if (files.length === 0) return Promise.resolve({ code: 0, passed: 0, failed: 0, skipped: 0 });
  return new Promise((resolve) => {
    process.stdout.write(`\n=== ${label}: ${files.length} files ===\n`);
    const args = ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=tap', '--test-reporter-destination=' + join(root, `.test-${label}-${process.pid}.tap`),
      `--test-concurrency=${Math.max(2, availableParallelism())}`, ...files];
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, TEST_RUN_ID: String(process.pid), TEST_MODEL_CACHE_DIR: modelCache, ...env } });
    child.on('exit', async (code) => {
      const { readFile, rm } = await import('node:fs/promises');
      const tapPath = join(root, `.test-${label}-${process.pid}.tap`);
      const tap = await readFile(tapPath, 'utf8').catch(() => '');
      await rm(tapPath, { force: true });
      const count = (key) => Number(new RegExp(`^# ${key} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
      resolve({ code, passed: count('pass'), failed: count('fail') + count('cancelled'), skipped: count('skipped') + count('todo'), slowest: slowest(tap, label) });
    });
  });
}

/**
 * The top-level tests (a file's describe block, or a file's own top-level tests) that took
 * longest: CI has a time budget, and this list says where it goes.
 */
function slowest(tap, label) {
  const points = [...tap.matchAll(/^(?:not )?ok \d+ - (.*)\n {2}---\n {2}duration_ms: ([\d.]+)/gm)];
  return points.map((m) => ({ name: `${label}: ${m[1]}`, ms: Number(m[2]) }));
}

/**
 * The test files whose imports reach test/harness.ts — the one place that picks the test
 * database. Only they run again on PostgreSQL; a file that never opens a database (tokenizers,
 * the NLU, the secret detector) would repeat the same work for nothing. esbuild walks the
 * import graph (static and literal dynamic imports) without writing anything.
 */
async function databaseTests(files) {
  const result = await build({
    entryPoints: files.map((f) => join(root, f)), bundle: true, write: false, metafile: true,
    platform: 'node', format: 'esm', packages: 'external', outdir: join(root, '.test-graph'), logLevel: 'silent',
  });
  const uses = new Set();
  for (const output of Object.values(result.metafile.outputs)) {
    if (output.entryPoint && Object.keys(output.inputs).includes('test/harness.ts')) uses.add(output.entryPoint);
  }
  return files.filter((f) => uses.has(f));
}

/** Bot models trained during this run, by training-data fingerprint (see BOT_MODEL_CACHE_DIR); removed at the end. */
const modelCache = mkdtempSync(join(tmpdir(), 'ledgerdesk-models-'));
process.on('exit', () => rmSync(modelCache, { recursive: true, force: true }));

/**
 * Files run two at a time in the order given, so a long file started last keeps one core busy
 * while the other idles: the known long kinds (a browser, spawned servers, the CLI) go first.
 */
const slowKinds = ['test/browser/', 'test/process/', 'src/cli/'];
const weight = (f) => { const i = slowKinds.findIndex((k) => f.startsWith(k)); return i === -1 ? slowKinds.length : i; };
const slowFirst = (list) => [...list].sort((a, b) => weight(a) - weight(b));

const files = slowFirst(only.length ? only : findTests(join(root, 'src')).concat(findTests(join(root, 'test'))));
const totals = { passed: 0, failed: 0, skipped: 0 };
const timings = [];
let exitCode = 0;
const add = (r) => {
  totals.passed += r.passed; totals.failed += r.failed; totals.skipped += r.skipped;
  timings.push(...(r.slowest ?? []));
  if (r.code !== 0) exitCode = 1;
};

add(await runPass('sqlite', files, { TEST_DATABASE_URL: '' }));
const reachable = await postgresReachable();
if (reachable === true) {
  await dropTestSchemas();
  // Browser tests exercise pages, not the database, and the CLI's tests its arguments, files,
  // output and exit codes (its commands are the API's, whose SQL the API tests run here): they run
  // once, in the SQLite pass.
  const onPostgres = (await databaseTests(files)).filter((f) => !f.startsWith('test/browser/') && !f.startsWith('src/cli/'));
  const once = files.length - onPostgres.length;
  if (once > 0) process.stdout.write(`\n${once} files that open no database (or drive the browser or the CLI) ran once, in the SQLite pass.\n`);
  add(await runPass('postgres', onPostgres, { TEST_DATABASE_URL: pgUrl }));
  await dropTestSchemas();
} else if (ci) {
  process.stdout.write(`\nPostgreSQL at ${pgUrl} is unreachable (${reachable}); CI may not skip it.\n`);
  totals.failed += 1;
  exitCode = 1;
} else {
  process.stdout.write(`\nSKIPPED the PostgreSQL pass: ${pgUrl} is unreachable (${reachable}).\n`);
}
if (totals.failed > 0) exitCode = 1;
if (!only.length && timings.length) {
  process.stdout.write('\nSlowest tests:\n');
  for (const t of timings.sort((a, b) => b.ms - a.ms).slice(0, 12)) process.stdout.write(`  ${(t.ms / 1000).toFixed(1).padStart(6)} s  ${t.name}\n`);
}
process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(exitCode);
