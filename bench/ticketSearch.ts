/**
 * Ticket search benchmark (issue 5): 100,000 tickets with zh-CN / en / ko subjects and threads
 * (bench/ticketSearch/corpus.ts) seeded on SQLite and on PostgreSQL, then searched through the
 * inbox's own query function (`listInbox`, what GET /api/v1/inbox runs): ticket numbers, emails,
 * exchange UIDs, English words and prefixes, Chinese 1–4 character words, Korean words with
 * particles, customer names and transaction-hash prefixes. Baseline: the bare full-text match
 * (every matching row's ticket id, no filters, joins or sort). Also the view counts the console
 * asks for with a search (`countInboxViews`) and the unsearched inbox views × statuses × sorts.
 *
 *   node --import tsx bench/ticketSearch.ts [--tickets 100000] [--rounds 30] [--database sqlite,postgres] [--no-write]
 *
 * PostgreSQL: BENCH_POSTGRES_URL or TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test), a
 * fresh schema dropped afterwards. Writes bench/results/ticket-search-latest.md and .json unless --no-write.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openConfiguredDatabase, type Database, type Db } from '../src/platform/db/index.js';
import { dialectOf } from '../src/platform/db/dialect.js';
import { matchesAllTerms } from '../src/platform/db/fullText.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { dropSchema, withPgClient } from '../src/platform/db/postgresAdmin.js';
import { queryTerms } from '../src/platform/search/terms.js';
import type { AgentActor } from '../src/modules/identity/actor.js';
import { countInboxViews, inboxViews, listInbox, type InboxFilters, type InboxSort, type InboxView } from '../src/modules/tickets/inbox.js';
import { freshSchemaName } from './raw.js';
import { root } from './server.js';
import { seedDesk, type Seeded } from './ticketSearch/seed.js';

const { values: args } = parseArgs({
  options: {
    tickets: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '30' },
    database: { type: 'string', default: 'sqlite,postgres' },
    'no-write': { type: 'boolean', default: false },
  },
});
const TICKETS = Number(args.tickets);
const ROUNDS = Number(args.rounds);
const TARGET_P99_MS = 100;
const pgUrl = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const say = (line: string) => process.stdout.write(`${line}\n`);
const round = (n: number) => Math.round(n * 100) / 100;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

interface Stat {
  name: string;
  n: number;
  p50: number;
  p99: number;
  max: number;
  /** Mean rows on the first page (searches) or counted (counts). */
  rows: number;
}

function stat(name: string, times: number[], rows: number[]): Stat {
  const s = [...times].sort((a, b) => a - b);
  return { name, n: s.length, p50: round(percentile(s, 50)), p99: round(percentile(s, 99)), max: round(s[s.length - 1] ?? 0), rows: round(rows.reduce((a, b) => a + b, 0) / Math.max(1, rows.length)) };
}

/** The query mix: each kind a list of concrete queries drawn from the seeded desk. */
function queryMix(seeded: Seeded): Record<string, string[]> {
  const sample = <T>(list: T[], n: number) => Array.from({ length: n }, (_, i) => list[(i * 7919) % list.length]!);
  return {
    'ticket number': sample(seeded.numbers, 20),
    'customer email': sample(seeded.emails, 20),
    'exchange UID': sample(seeded.uids, 20),
    'customer name': ['张伟', '王芳', 'Alice Smith', '김민준', 'Garcia', '李娜'],
    'English words': ['deposit', 'withdrawal stuck', 'account frozen', 'passport rejected', 'authenticator', 'liquidated', 'referral bonus', 'wrong network'],
    'English prefixes': ['withdr', 'depo', 'authen', 'liqu', 'verif', 'unfr'],
    'Chinese 1–2 chars': ['币', '充值', '提现', '冻结', '到账', '哈希'],
    'Chinese 3–4 chars': ['未到账', '手续费', '实名认证', '谷歌验证', '资金密码', '区块浏览器'],
    'Korean words': ['입금이', '출금', '비밀번호를', '본인인증', '동결', '수수료가', '네트워크로'],
    'tx hash prefix': sample(seeded.hashes, 20).map((h, i) => h.slice(0, 10 + (i % 3) * 6)),
    'mixed': ['USDT 充值', 'TRC20 입금', 'BTC withdrawal failed', '合约 爆仓'],
  };
}

async function measure(db: Db, actor: AgentActor, mix: Record<string, string[]>) {
  const search = async (q: string) => (await listInbox(db, actor, { view: 'all', filters: { status: 'any', q }, sort: 'waiting', limit: 50 })).items.length;
  const raw = async (q: string) => {
    const terms = queryTerms(q);
    if (terms.length === 0) return 0;
    return (await db.selectFrom('ticket_search').select('ticket_id').where(matchesAllTerms(dialectOf(db), 'ticket_search', terms)).execute()).length;
  };
  const counts = async (q: string) => Object.values(await countInboxViews(db, actor, { status: 'any', q })).reduce((a, b) => a + b, 0);
  const all: Record<string, { t: number[]; rows: number[] }> = {};
  const rawAll = { t: [] as number[], rows: [] as number[] };
  const countAll = { t: [] as number[], rows: [] as number[] };
  const timed = async (f: () => Promise<number>, into: { t: number[]; rows: number[] }) => {
    const start = performance.now();
    const rows = await f();
    into.t.push(performance.now() - start);
    into.rows.push(rows);
  };
  // Warm-up: one pass of everything (page cache, statement caches, JIT).
  for (const qs of Object.values(mix)) for (const q of qs) await search(q);
  for (let r = 0; r < ROUNDS; r++) {
    for (const [kind, qs] of Object.entries(mix)) {
      const into = (all[kind] ??= { t: [], rows: [] });
      for (const q of qs) {
        await timed(() => search(q), into);
        await timed(() => raw(q), rawAll);
        if (r % 5 === 0) await timed(() => counts(q), countAll);
      }
    }
  }
  const kinds = Object.entries(all).map(([k, v]) => stat(k, v.t, v.rows));
  return {
    kinds,
    overall: stat('all searches', Object.values(all).flatMap((v) => v.t), Object.values(all).flatMap((v) => v.rows)),
    raw: stat('raw full-text match', rawAll.t, rawAll.rows),
    counts: stat('view counts with search', countAll.t, countAll.rows),
  };
}

async function measureViews(db: Db, actor: AgentActor): Promise<Stat[]> {
  const out: Stat[] = [];
  const statuses: InboxFilters['status'][] = ['unsolved', 'open', 'any'];
  for (const view of inboxViews as readonly InboxView[]) {
    for (const status of statuses) {
      for (const sort of ['waiting', 'priority'] as InboxSort[]) {
        const t: number[] = [];
        const rows: number[] = [];
        for (let r = 0; r < ROUNDS + 1; r++) {
          const start = performance.now();
          const page = await listInbox(db, actor, { view, filters: { status }, sort, limit: 50 });
          if (r > 0) {
            t.push(performance.now() - start);
            rows.push(page.items.length);
          }
        }
        out.push(stat(`${view} · ${status} · ${sort}`, t, rows));
      }
    }
  }
  const t: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const start = performance.now();
    await countInboxViews(db, actor, { status: 'unsolved' });
    t.push(performance.now() - start);
  }
  out.push(stat('view counts (unsolved)', t, [0]));
  return out;
}

async function benchDatabase(kind: 'sqlite' | 'postgres') {
  const scratch = mkdtempSync(join(tmpdir(), 'ledgerdesk-ticket-search-'));
  const schema = kind === 'postgres' ? freshSchemaName() : undefined;
  let database: Database | undefined;
  try {
    database = await openConfiguredDatabase({
      DATABASE_URL: schema ? pgUrl : `sqlite:${join(scratch, 'bench.db')}`,
      DATABASE_POOL_SIZE: 4,
      SQLITE_SYNCHRONOUS: 'NORMAL',
      ...(schema ? { DATABASE_SCHEMA: schema } : {}),
    });
    await migrateToLatest(database.db, schema);
    say(`\n## ${kind}: seeding ${TICKETS} tickets…`);
    const load = loadavg()[0] ?? 0;
    const seeded = await seedDesk(database.db, TICKETS);
    say(`seeded ${seeded.tickets} tickets, ${seeded.messages} messages, ${seeded.customers} customers in ${seeded.seconds} s`);
    // PostgreSQL's autovacuum would analyze after such a load; SQLite has no statistics unless asked, and the app never asks.
    if (kind === 'postgres') await sql`analyze`.execute(database.db);
    const actor: AgentActor = { kind: 'agent', agentId: seeded.agentId, role: 'agent', via: 'token', scopes: new Set(['tickets:read']) };
    const mix = queryMix(seeded);
    const search = await measure(database.db, actor, mix);
    say(`search p50 ${search.overall.p50} ms, p99 ${search.overall.p99} ms; raw match p99 ${search.raw.p99} ms; counts p99 ${search.counts.p99} ms`);
    for (const k of search.kinds) say(`  ${k.name}: p50 ${k.p50} p99 ${k.p99} max ${k.max} (${k.rows} rows)`);
    const views = await measureViews(database.db, actor);
    for (const v of views) say(`  ${v.name}: p50 ${v.p50} p99 ${v.p99}`);
    return { database: kind, load, seeded: { tickets: seeded.tickets, messages: seeded.messages, customers: seeded.customers, seconds: seeded.seconds }, ...search, views };
  } finally {
    await database?.close();
    if (schema) await dropSchema(pgUrl, schema).catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
  }
}

type Run = Awaited<ReturnType<typeof benchDatabase>>;

function markdown(runs: Run[], skipped: string[]): string {
  const lines = [
    '# Ticket search benchmark',
    '',
    `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'} · Node ${process.version} · ${TICKETS.toLocaleString('en')} tickets per database, ${ROUNDS} rounds`,
    '',
    `Latency of \`listInbox\` (what GET /api/v1/inbox runs: view all, status any, sorted by waiting time, first page of 50) for a search; target p99 ≤ ${TARGET_P99_MS} ms.`,
    'Baseline: the bare full-text match (ticket ids of every matching subject or message row, no filters, joins or sort).',
    '',
    '| database | searches | p50 ms | p99 ms | target | raw match p50 / p99 ms | p99 ÷ raw p99 | view counts with search p50 / p99 ms | seed | load avg |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...runs.map((r) => `| ${r.database} | ${r.overall.n} | ${r.overall.p50} | ${r.overall.p99} | ${r.overall.p99 <= TARGET_P99_MS ? 'pass' : 'FAIL'} | ${r.raw.p50} / ${r.raw.p99} | ${round(r.overall.p99 / Math.max(0.01, r.raw.p99))} | ${r.counts.p50} / ${r.counts.p99} | ${r.seeded.seconds} s (${r.seeded.messages.toLocaleString('en')} messages) | ${round(r.load)} |`),
    '',
    '## By kind of query (p50 / p99 ms, mean rows on the first page)',
    '',
    `| kind | ${runs.map((r) => r.database).join(' | ')} |`,
    `| --- | ${runs.map(() => '---').join(' | ')} |`,
    ...(runs[0]?.kinds ?? []).map((k, i) => `| ${k.name} | ${runs.map((r) => { const s = r.kinds[i]!; return `${s.p50} / ${s.p99} (${s.rows})`; }).join(' | ')} |`),
    '',
    '## Inbox without search (view · status · sort, p50 / p99 ms)',
    '',
    `| page | ${runs.map((r) => r.database).join(' | ')} |`,
    `| --- | ${runs.map(() => '---').join(' | ')} |`,
    ...(runs[0]?.views ?? []).map((v, i) => `| ${v.name} | ${runs.map((r) => { const s = r.views[i]!; return `${s.p50} / ${s.p99}`; }).join(' | ')} |`),
    '',
    ...(skipped.length ? [`Skipped: ${skipped.join('; ')}`, ''] : []),
    `Run: \`node --import tsx bench/ticketSearch.ts --tickets ${TICKETS} --rounds ${ROUNDS}\``,
    '',
  ];
  return lines.join('\n');
}

const runs: Run[] = [];
const skipped: string[] = [];
for (const kind of args.database.split(',')) {
  if (kind === 'postgres') {
    const reachable = await withPgClient(pgUrl, async () => true).catch((err: unknown) => (err instanceof Error ? err.message : String(err)));
    if (reachable !== true) {
      skipped.push(`PostgreSQL unreachable (${reachable})`);
      continue;
    }
  }
  if (kind === 'sqlite' || kind === 'postgres') runs.push(await benchDatabase(kind));
}
const md = markdown(runs, skipped);
say(`\n${md}`);
if (!args['no-write']) {
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'ticket-search-latest.md'), md);
  writeFileSync(join(dir, 'ticket-search-latest.json'), `${JSON.stringify({ date: new Date().toISOString(), tickets: TICKETS, rounds: ROUNDS, runs, skipped }, null, 2)}\n`);
  say('written: bench/results/ticket-search-latest.md, .json');
}
process.exitCode = runs.every((r) => r.overall.p99 <= TARGET_P99_MS) ? 0 : 1;
