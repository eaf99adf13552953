/**
 * Email ingestion benchmark (issue 7): MIME sources through the email adapter's `receive` — parse
 * (mailparser), classify, thread, screen, store (tickets, messages, attachments, email rows, the
 * outbox) — in one LedgerDesk process on SQLite and, when reachable, PostgreSQL. The mix is what a
 * support mailbox sees: new requests in English, Chinese (GB2312/GBK) and Korean (EUC-KR),
 * customers' replies threaded by In-Reply-To, HTML with inline images, auto-replies. Beside it, the
 * parse alone (mailparser on the same sources) as the baseline for what storing costs.
 * Target: ≥ 100 messages/s. Writes bench/results/email-latest.md and .json unless --no-write.
 *
 *   node --import tsx bench/email.ts [--messages 2000] [--concurrency 4] [--database sqlite,postgres] [--no-write]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { simpleParser } from 'mailparser';
import { pino } from 'pino';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { emailAdapter } from '../src/modules/channels/email/adapter.js';
import { dropSchema, withPgClient } from '../src/platform/db/postgresAdmin.js';
import { freshSchemaName } from './raw.js';
import { root } from './server.js';

const { values: args } = parseArgs({
  options: {
    messages: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '4' },
    database: { type: 'string', default: 'sqlite,postgres' },
    'no-write': { type: 'boolean', default: false },
  },
});
const MESSAGES = Number(args.messages);
const CONCURRENCY = Number(args.concurrency);
const TARGET = 100;
const pgUrl = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const fixtures = join(root, 'src/modules/channels/email/fixtures');
const fixture = (name: string) => readFileSync(join(fixtures, name), 'latin1');
const say = (line: string) => process.stdout.write(`${line}\n`);

/** The i-th message of the mix: a fixture re-addressed to a fresh sender and Message-ID, or a reply to an earlier one. */
function messageAt(i: number): Buffer {
  const sender = `trader${i % 700}@example${i % 7}.net`;
  const id = `<bench.${i}@example.net>`;
  const kind = i % 10;
  if (kind >= 6 && i >= 10) {
    // A reply by the same sender to their message of 10 messages ago (In-Reply-To threading).
    const first = i - 10;
    return Buffer.from(
      `From: trader${first % 700}@example${first % 7}.net\r\nTo: support@ledgerx.example\r\nSubject: Re: request ${first}\r\nMessage-ID: ${id}\r\nIn-Reply-To: <bench.${first}@example.net>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nAny update? The transfer still shows pending on my side.\r\n\r\nOn Tue, 11 Nov 2025, LedgerX Support wrote:\r\n> We are checking with the wallet team.\r\n`,
    );
  }
  const base = ['multipart-alternative.eml', 'gb2312.eml', 'euc-kr.eml', 'inline-image.eml', 'gbk.eml', 'auto-reply.eml'][kind % 6]!;
  const raw = fixture(base)
    .replace(/^Message-ID: .*$/m, `Message-ID: ${id}`)
    .replace(/^From: (.*)<[^>]+>/m, `From: $1<${sender}>`)
    .replace(/^From: [^<\r\n]+$/m, `From: ${sender}`)
    .replace(/__IN_REPLY_TO__/g, 'unknown.thread@example.net');
  return Buffer.from(raw, 'latin1');
}

interface Run {
  database: string;
  messages: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  outcomes: Record<string, number>;
  parseOnlyPerSecond: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function benchDatabase(database: 'sqlite' | 'postgres'): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'ledgerdesk-bench-email-'));
  const schema = database === 'postgres' ? freshSchemaName() : undefined;
  const config = loadConfig({
    DATABASE_URL: schema ? pgUrl : `sqlite:${join(dir, 'bench.db')}`,
    ...(schema ? { DATABASE_SCHEMA: schema } : {}),
    DATA_DIR: dir,
    SEED_DEMO: 'false',
    SEED_HELP_CENTER: 'false',
    LEDGERDESK_ADMIN_PASSWORD: 'bench-admin-password-not-secret',
    EMAIL_FROM: 'LedgerX Support <support@ledgerx.example>',
  });
  const app = await buildApp(config, { logger: pino({ level: 'warn' }) });
  try {
    const sources = Array.from({ length: MESSAGES }, (_, i) => messageAt(i));
    // Parse alone: the floor of what an ingestion can cost.
    const parseStart = performance.now();
    for (const raw of sources.slice(0, Math.min(500, MESSAGES))) await simpleParser(raw);
    const parseOnlyPerSecond = Math.round(Math.min(500, MESSAGES) / ((performance.now() - parseStart) / 1000));

    const latencies: number[] = [];
    const outcomes: Record<string, number> = {};
    let next = 0;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        // Messages are taken in order, so a reply always finds the message it answers stored or in flight.
        while (next < sources.length) {
          const raw = sources[next++]!;
          const t0 = performance.now();
          const result = await emailAdapter.receive(app.ctx, raw, { source: 'bench' });
          latencies.push(performance.now() - t0);
          outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    latencies.sort((a, b) => a - b);
    const run: Run = {
      database,
      messages: MESSAGES,
      seconds: Math.round(seconds * 100) / 100,
      perSecond: Math.round(MESSAGES / seconds),
      p50Ms: Math.round(percentile(latencies, 50) * 10) / 10,
      p99Ms: Math.round(percentile(latencies, 99) * 10) / 10,
      outcomes,
      parseOnlyPerSecond,
    };
    say(`${database}: ${run.perSecond} messages/s (p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms) ${JSON.stringify(outcomes)}; parse alone ${parseOnlyPerSecond}/s`);
    return run;
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
    if (schema) await dropSchema(pgUrl, schema).catch(() => undefined);
  }
}

const runs: Run[] = [];
const skipped: string[] = [];
for (const database of args.database.split(',') as ('sqlite' | 'postgres')[]) {
  if (database === 'postgres') {
    const reachable = await withPgClient(pgUrl, async () => true).catch((err: unknown) => (err instanceof Error ? err.message : String(err)));
    if (reachable !== true) {
      skipped.push(`PostgreSQL unreachable (${reachable})`);
      continue;
    }
  }
  runs.push(await benchDatabase(database));
}

const report = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, node: process.version, loadAverage: loadavg().map((l) => Math.round(l * 10) / 10) },
  settings: { messages: MESSAGES, concurrency: CONCURRENCY },
  runs,
  skipped,
  target: { goal: `≥ ${TARGET} messages/s ingested (SQLite)`, pass: (runs.find((r) => r.database === 'sqlite')?.perSecond ?? 0) >= TARGET },
};

function markdown(): string {
  const lines = [
    '# Email ingestion benchmark',
    '',
    `${report.date} · ${report.machine.cpus} CPUs · Node ${report.machine.node} · load average ${report.machine.loadAverage.join(' / ')} (a shared machine)`,
    '',
    `\`node --import tsx bench/email.ts --messages ${MESSAGES} --concurrency ${CONCURRENCY}\`: MIME sources through the email adapter's \`receive\` in one process — parse (mailparser), classify, thread, screen secrets, store ticket/message/attachments/email row/outbox in one transaction. Mix: 60 % new requests (English multipart/alternative with HTML, GB2312, GBK, EUC-KR, inline PNG, auto-replies), 40 % replies threaded by In-Reply-To with quoted history.`,
    '',
    '| database | messages | messages/s | p50 | p99 | outcomes | mailparser alone |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...runs.map((r) => `| ${r.database} | ${r.messages} | **${r.perSecond}** | ${r.p50Ms} ms | ${r.p99Ms} ms | ${Object.entries(r.outcomes).map(([k, v]) => `${k} ${v}`).join(', ')} | ${r.parseOnlyPerSecond}/s |`),
    '',
    `Target ${report.target.goal}: **${report.target.pass ? 'met' : 'not met'}**.`,
    ...(skipped.length ? ['', `Skipped: ${skipped.join('; ')}.`] : []),
    '',
  ];
  return lines.join('\n');
}

say('');
say(markdown());
if (!args['no-write']) {
  const dir = join(root, 'bench', 'results');
  writeFileSync(join(dir, 'email-latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(dir, 'email-latest.md'), markdown());
}
process.exitCode = report.target.pass ? 0 : 1;
