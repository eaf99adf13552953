/**
 * Console benchmark (issue 5): the JavaScript the inbox route loads first (gzip), and the time
 * from navigation to the first page of tickets on screen with 10,000 open tickets, measured in
 * Chromium (the app sets a performance mark when its first rows render).
 *
 *   node --import tsx bench/console.ts [--tickets 10000] [--runs 5]
 *
 * Writes bench/results/console-latest.md and console-latest.json.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { chromium } from 'playwright-core';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { newId, nowIso } from '../src/platform/db/ids.js';
import { randomToken, sha256Hex } from '../src/platform/crypto.js';
import { hashPassword } from '../src/modules/identity/passwords.js';
import { SESSION_COOKIE } from '../src/modules/identity/http/authenticate.js';
import { categories, channels, priorities } from '../src/modules/tickets/categories.js';
import { startServer } from './server.js';

const { values: args } = parseArgs({ options: { tickets: { type: 'string', default: '10000' }, runs: { type: 'string', default: '5' } } });
const TICKETS = Number(args.tickets);
const RUNS = Number(args.runs);
const MARK = 'ledgerdesk:inbox-first-page';
const root = join(import.meta.dirname, '..');

const builder = (await import(join(root, 'web', 'console', 'build.mjs'))) as {
  ensureConsoleBuilt(): Promise<string>;
  initialJs(dir: string): { files: { file: string; bytes: number; gzipBytes: number }[]; bytes: number; gzipBytes: number };
};
const built = await builder.ensureConsoleBuilt();
const js = builder.initialJs(built);

const dataDir = mkdtempSync(join(tmpdir(), 'ledgerdesk-console-bench-'));
const env = { DATABASE_URL: `sqlite:${join(dataDir, 'bench.db')}`, DATA_DIR: dataDir, LOG_LEVEL: 'warn', SEED_DEMO: 'false', SEED_HELP_CENTER: 'false', LEDGERDESK_ADMIN_PASSWORD: 'bench-admin-password' };
// Data is written in-process, then the real server runs in its own process, as in production:
// the browser driver's work in this process must not delay the server's answers.
const app = await buildApp(loadConfig({ ...env, LOG_LEVEL: 'silent' }), { logger: pino({ level: 'silent' }) });

// 10,000 open tickets from 2,000 customers, spread over statuses, priorities, categories and channels.
const db = app.ctx.db;
const now = Date.now();
const customers = Array.from({ length: 2000 }, (_, i) => ({
  id: newId(), external_id: `UID${100000 + i}`, email: `trader${i}@example.test`, phone: null, name: `Trader ${i}`,
  locale: ['zh-CN', 'en', 'ko'][i % 3]!, verified: 1 as const, created_at: nowIso(), updated_at: nowIso(),
}));
for (let i = 0; i < customers.length; i += 500) await db.insertInto('customers').values(customers.slice(i, i + 500)).execute();
const statuses = ['new', 'open', 'pending', 'on_hold'] as const;
for (let i = 0; i < TICKETS; i += 500) {
  const rows = Array.from({ length: Math.min(500, TICKETS - i) }, (_, j) => {
    const n = i + j;
    const at = new Date(now - (TICKETS - n) * 60_000).toISOString();
    return {
      id: newId(), number: `LD-${200000 + n}`, subject: `Ticket ${n}: ${['USDT 充值没到账', 'Withdrawal pending', '출금이 지연되고 있어요', 'KYC review'][n % 4]}`,
      status: statuses[n % 4]!, priority: priorities[n % 4]!, channel: channels[n % channels.length]!, category: categories[n % categories.length]!,
      fields: '{}', locale: ['zh-CN', 'en', 'ko'][n % 3]!, customer_id: customers[n % customers.length]!.id,
      assignee_id: null, team_id: null, merged_into_id: null, created_at: at, updated_at: at, solved_at: null, closed_at: null,
    };
  });
  await db.insertInto('tickets').values(rows).execute();
}

const agentId = newId();
await db.insertInto('agents').values({
  id: agentId, email: 'bench-agent@example.test', name: 'Bench Agent', role: 'agent', password_hash: await hashPassword(randomToken()),
  locale: 'en', totp_secret: null, totp_enabled: 0, disabled: 0, created_at: nowIso(), updated_at: nowIso(),
}).execute();
const cookie = randomToken();
await db.insertInto('sessions').values({
  id: sha256Hex(cookie), subject_type: 'agent', subject_id: agentId, csrf_token: randomToken(), stage: 'full', ip: '127.0.0.1', user_agent: 'bench',
  created_at: nowIso(), expires_at: new Date(now + 3600_000).toISOString(), last_seen_at: nowIso(),
}).execute();

await app.close();
const server = await startServer(env);
const baseUrl = server.url;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });

interface Run { firstPageMs: number; rowsInDom: number; phases: Record<string, number> }
async function measure(context: Awaited<ReturnType<typeof browser.newContext>>): Promise<Run> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/console/inbox?view=all`);
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, MARK, { timeout: 60_000 });
  const run = await page.evaluate((mark) => ({
    firstPageMs: performance.getEntriesByName(mark)[0]!.startTime,
    rowsInDom: document.querySelectorAll('.ticket-row').length,
    // Where the time went: when each response finished, since navigation start.
    phases: Object.fromEntries([
      ['html', (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseEnd],
      ...performance.getEntriesByType('resource').map((e) => [new URL(e.name).pathname.replace(/^\/console\/assets\/.*\.js$/, 'js').replace(/^\/console\/assets\/.*\.css$/, 'css'), (e as PerformanceResourceTiming).responseEnd]),
    ].map(([k, v]) => [k, Math.round(v as number)])),
  }), MARK);
  await page.close();
  return run;
}

const cold: Run[] = [];
const warm: Run[] = [];
for (let r = 0; r < RUNS; r++) {
  // Cold: a fresh context (empty cache); warm: the same context again (assets cached, as an agent's second visit).
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addCookies([{ name: SESSION_COOKIE, value: cookie, url: baseUrl }]);
  cold.push(await measure(context));
  warm.push(await measure(context));
  await context.close();
}
await browser.close();
await server.stop();
rmSync(dataDir, { recursive: true, force: true });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const result = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version, loadAverage: loadavg().map((l) => Number(l.toFixed(2))) },
  tickets: TICKETS,
  runs: RUNS,
  initialJs: { files: js.files, bytes: js.bytes, gzipBytes: js.gzipBytes, targetGzipBytes: 300 * 1024 },
  firstPage: {
    coldMedianMs: Math.round(median(cold.map((r) => r.firstPageMs))),
    warmMedianMs: Math.round(median(warm.map((r) => r.firstPageMs))),
    coldMs: cold.map((r) => Math.round(r.firstPageMs)),
    warmMs: warm.map((r) => Math.round(r.firstPageMs)),
    rowsInDom: cold[0]?.rowsInDom ?? 0,
    phases: { cold: cold.map((r) => r.phases), warm: warm.map((r) => r.phases) },
    targetMs: 1000,
  },
};
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const md = `# Console benchmark

${result.date} · ${result.machine.cpus} CPUs (${result.machine.model}) · Node ${result.machine.node} · Chromium (Debian) headless · load average ${result.machine.loadAverage.join(' / ')} (shared machine: other benchmarks were running)

| measure | result | target |
| --- | --- | --- |
| initial JS of the inbox route (gzip) | ${kb(js.gzipBytes)} (${kb(js.bytes)} raw, ${js.files.length} file${js.files.length === 1 ? '' : 's'}) | ≤ 300 KB |
| inbox first page on screen, ${TICKETS.toLocaleString('en')} open tickets, cold cache (median of ${RUNS}) | ${result.firstPage.coldMedianMs} ms | ≤ 1000 ms |
| the same, assets cached (median of ${RUNS}) | ${result.firstPage.warmMedianMs} ms | ≤ 1000 ms |

The server is \`ledgerdesk start\` in its own process (from source, the console pre-built). Time is from navigation start to the console's \`${MARK}\` performance mark (first rows rendered):
HTML, JS, \`/api/v1/auth/me\` and the first inbox page (100 rows, sorted over all ${TICKETS.toLocaleString('en')} tickets); the view counts load beside it.
Rows in the DOM after the first page: ${result.firstPage.rowsInDom} (virtualised). Responses finished at (ms, first cold run): ${Object.entries(cold[0]?.phases ?? {}).map(([k, v]) => `${k} ${v}`).join(', ')}. Runs: cold ${result.firstPage.coldMs.join(', ')} ms; warm ${result.firstPage.warmMs.join(', ')} ms.

\`node --import tsx bench/console.ts [--tickets N] [--runs N]\`
`;
const dir = join(root, 'bench', 'results');
writeFileSync(join(dir, 'console-latest.json'), JSON.stringify(result, null, 2) + '\n');
writeFileSync(join(dir, 'console-latest.md'), md);
process.stdout.write(md);
