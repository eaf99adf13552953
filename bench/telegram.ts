/**
 * Telegram benchmark (issue 7): updates posted to the real server's webhook (a child process on
 * embedded SQLite) as Telegram posts them — accepted per second and latency — beside a bare
 * Fastify route that only parses the JSON (the baseline) in the same run; then how fast the kept
 * updates become stored messages answered by the bot (replies counted on the loopback Bot API).
 * Writes bench/results/telegram-latest.md and telegram-latest.json.
 *
 *   node --import tsx bench/telegram.ts [--updates 4000] [--users 400] [--concurrency 32]
 */
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import { percentile } from '../src/platform/nlu/index.js';
import { startTelegramLoopback } from '../test/loopback/telegramBotApi.js';
import { freePort, root, startServer } from './server.js';

const { values: args } = parseArgs({
  options: {
    updates: { type: 'string', default: '4000' },
    users: { type: 'string', default: '400' },
    concurrency: { type: 'string', default: '32' },
    'no-write': { type: 'boolean', default: false },
    /** Internal: run the baseline route on this port. */
    bare: { type: 'string' },
  },
});
const total = Number(args.updates);
const users = Number(args.users);
const concurrency = Number(args.concurrency);
const SECRET = 'bench-telegram-webhook-secret-0001';
const say = (line: string) => process.stdout.write(`${line}\n`);

const questions = ['充值没到账', 'withdrawal pending for 3 hours', '입금이 안 돼요', '忘记密码了', 'how do I reset 2FA', '출금 수수료가 얼마예요?', 'USDT TRC20 deposit not credited', '账户被冻结了怎么办'];

function update(i: number, base: number): Record<string, unknown> {
  const user = 7_100_000_000 + (i % users);
  return {
    update_id: base + i,
    message: {
      message_id: i + 1, date: Math.floor(Date.now() / 1000), text: questions[i % questions.length],
      from: { id: user, is_bot: false, first_name: `Trader${i % users}`, language_code: ['zh-hans', 'en', 'ko'][i % 3] },
      chat: { id: user, type: 'private', first_name: `Trader${i % users}` },
    },
  };
}

interface Posting {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  failed: number;
}

/** One keep-alive socket per request in flight (fetch's pool held far fewer open here). */
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

function postJson(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-telegram-bot-api-secret-token': SECRET } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Posts `count` updates with `concurrency` in flight; every answer must be 200. */
async function post(url: string, count: number, base: number): Promise<Posting> {
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) {
      const i = next++;
      const t0 = performance.now();
      if ((await postJson(url, JSON.stringify(update(i, base)))) !== 200) failed++;
      latencies.push(performance.now() - t0);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: Math.round(count / seconds), p50Ms: +percentile(latencies, 0.5).toFixed(1), p99Ms: +percentile(latencies, 0.99).toFixed(1), failed };
}

/** The baseline: a bare Fastify route in its own process that parses the update and answers 200. */
async function bareRoute(): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/telegram.ts', `--bare=${port}`], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  return { url: `http://127.0.0.1:${port}/webhook`, stop: () => child.kill('SIGKILL') };
}

if (args.bare) {
  const app = Fastify();
  app.post('/webhook', async (request) => ({ ok: typeof (request.body as { update_id?: unknown }).update_id === 'number' }));
  await app.listen({ port: Number(args.bare), host: '127.0.0.1' });
  process.stdout.write('ready\n');
} else {
  const tg = await startTelegramLoopback();
  const dir = mkdtempSync(join(tmpdir(), 'ledgerdesk-bench-telegram-'));
  const env = {
    DATA_DIR: dir, DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`, LOG_LEVEL: 'warn', SEED_DEMO: 'false', SEED_HELP_CENTER: 'true',
    LEDGERDESK_ADMIN_PASSWORD: 'bench-admin-password', TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_MODE: 'webhook', TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: tg.apiRoot,
  };
  const server = await startServer(env);
  const webhook = `${server.url}/api/v1/channels/telegram/webhook`;
  const db = new SQLite(join(dir, 'bench.db'), { readonly: true });
  const pending = () => (db.prepare(`select count(*) as n from jobs where name = 'telegram.update' and state = 'pending'`).get() as { n: number }).n;
  try {
    // Warm-up: the first message trains the bot's model; measure once it answers.
    say('warming up (the bot trains its model on the first message)…');
    await post(webhook, 1, 1);
    await tg.waitForSent(1, 180_000);

    const baseline = await bareRoute();
    const bare = await post(baseline.url, total, 10_000);
    baseline.stop();
    say(`bare route: ${bare.perSecond} updates/s (p50 ${bare.p50Ms} ms, p99 ${bare.p99Ms} ms)`);

    const sentBefore = tg.sent.length;
    const t0 = performance.now();
    const webhookRun = await post(webhook, total, 100_000);
    say(`LedgerDesk webhook: ${webhookRun.perSecond} updates/s accepted (p50 ${webhookRun.p50Ms} ms, p99 ${webhookRun.p99Ms} ms, ${webhookRun.failed} not 200)`);
    while (pending() > 0) await new Promise((r) => setTimeout(r, 100));
    const processedSeconds = (performance.now() - t0) / 1000;
    const processed = Math.round(total / processedSeconds);
    await new Promise((r) => setTimeout(r, 2000));
    const replies = tg.sent.length - sentBefore;
    say(`kept → stored and answered: ${processed} updates/s end to end (${replies} bot replies sent)`);

    const report = {
      at: new Date().toISOString(), cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`, loadAvg: +loadavg()[0]!.toFixed(2),
      updates: total, users, concurrency, bare, webhook: webhookRun, ratio: +(webhookRun.perSecond / bare.perSecond).toFixed(3),
      endToEndPerSecond: processed, botReplies: replies, serverPeakMiB: server.memory().peakMiB,
    };
    const md = `# Telegram benchmark

${report.at.slice(0, 16).replace('T', ' ')} UTC · ${report.cpus} · load average ${report.loadAvg} · one server process on SQLite; updates posted from the bench process (${concurrency} in flight), ${total} updates from ${users} users.

| target | updates/s | p50 ms | p99 ms | not 200 |
| --- | --- | --- | --- | --- |
| bare Fastify route (parse JSON, answer 200) | ${bare.perSecond} | ${bare.p50Ms} | ${bare.p99Ms} | ${bare.failed} |
| LedgerDesk webhook (secret checked, update kept as a durable job, committed) | ${webhookRun.perSecond} | ${webhookRun.p50Ms} | ${webhookRun.p99Ms} | ${webhookRun.failed} |

Webhook = ${(report.ratio * 100).toFixed(1)}% of the bare route; target ≥ 500 updates/s: ${webhookRun.perSecond >= 500 ? 'met' : 'NOT met'}.
End to end (posted → customer message stored in its conversation → bot reply planned, stored and sent through the loopback Bot API): ${processed} updates/s, ${replies} replies sent; server peak RSS ${report.serverPeakMiB} MiB.

Run: \`node --import tsx bench/telegram.ts --updates ${total} --users ${users} --concurrency ${concurrency}\`
`;
    if (!args['no-write']) {
      mkdirSync(join(root, 'bench', 'results'), { recursive: true });
      writeFileSync(join(root, 'bench', 'results', 'telegram-latest.md'), md);
      writeFileSync(join(root, 'bench', 'results', 'telegram-latest.json'), `${JSON.stringify(report, null, 2)}\n`);
    }
    say(md);
  } finally {
    agent.destroy();
    db.close();
    await server.stop();
    await tg.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
