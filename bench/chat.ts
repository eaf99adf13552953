/**
 * Chat benchmark (issue 4): a real LedgerDesk server process on SQLite (and PostgreSQL, when
 * reachable) holds 5,000 WebSockets opened from this (second) process — customers in
 * conversations, agents following them, and idle widgets — then measures customer → agent
 * delivery latency at a fixed 1,000 messages/s and the closed-loop throughput; the same load runs
 * against a bare `ws` relay process (no authentication, no database) in the same run as the
 * baseline.
 *
 *   node --import tsx bench/chat.ts [--sockets 5000] [--conversations 1000] [--rate 1000] [--seconds 10]
 *                                   [--database sqlite,postgres] [--profile] [--no-write]
 *
 * PostgreSQL: BENCH_POSTGRES_URL or TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test),
 * a fresh schema dropped afterwards. The bot's model is trained before the server starts, so the
 * measured minutes are not a fresh install's first training. Writes bench/results/chat-latest.md
 * and chat-latest.json unless --no-write.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { WebSocket, WebSocketServer } from 'ws';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { botOf } from '../src/modules/bot/index.js';
import { dropSchema, withPgClient } from '../src/platform/db/postgresAdmin.js';
import { chatStarter } from '../src/modules/channels/chat/commands/chatStarter.js';
import { chatTokenFor } from '../src/modules/channels/chat/links.js';
import { newCustomerSide } from '../src/modules/channels/chat/principal.js';
import { freshSchemaName } from './raw.js';
import { entryArgs, provisionToken, root, startServer } from './server.js';

const { values: args } = parseArgs({
  options: {
    sockets: { type: 'string', default: '5000' },
    conversations: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '10' },
    'relay-server': { type: 'boolean', default: false },
    /** Databases to run LedgerDesk on, in this order; PostgreSQL is skipped (and said so) when unreachable. */
    database: { type: 'string', default: 'sqlite,postgres' },
    /** Experiments: print only, write nothing to bench/results. */
    'no-write': { type: 'boolean', default: false },
    /** Writes a V8 CPU profile of the LedgerDesk server to bench/results/profiles/. */
    profile: { type: 'boolean', default: false },
  },
});
const SOCKETS = Number(args.sockets);
const CONVERSATIONS = Number(args.conversations);
const RATE = Number(args.rate);
const SECONDS = Number(args.seconds);
const CHATS_PER_AGENT = 25;
/** One frame per conversation every 50 ms at most: the gateway's sustained per-socket limit is 20/s. */
const MIN_GAP_MS = 50;

type Json = Record<string, unknown>;

// ---- the bare relay (baseline): rooms, and every frame copied to the room's other sockets -------
function runRelay(): void {
  const rooms = new Map<string, Set<WebSocket>>();
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  wss.on('connection', (ws) => {
    const mine = new Set<string>();
    ws.on('message', (data) => {
      const text = String(data);
      const frame = JSON.parse(text) as { type: string; id?: string; chatId?: string };
      if (frame.type === 'hello') return ws.send(JSON.stringify({ type: 'ack', ref: frame.id, data: {} }));
      if (frame.type === 'chat.resume' && frame.chatId) {
        let set = rooms.get(frame.chatId);
        if (!set) rooms.set(frame.chatId, (set = new Set()));
        set.add(ws);
        mine.add(frame.chatId);
        return ws.send(JSON.stringify({ type: 'ack', ref: frame.id, data: {} }));
      }
      const out = JSON.stringify({ type: 'message', message: frame });
      for (const peer of rooms.get(frame.chatId ?? '') ?? []) if (peer !== ws) peer.send(out);
    });
    ws.on('close', () => mine.forEach((room) => rooms.get(room)?.delete(ws)));
  });
  wss.on('listening', () => process.stdout.write(`PORT ${(wss.address() as { port: number }).port}\n`));
}

// ---- a minimal client -------------------------------------------------------------------------
class Client {
  private seq = 0;
  private readonly waiting = new Map<string, (f: Json) => void>();
  onMessage: (message: Json) => void = () => {};
  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Json;
      if (frame.type === 'message') return this.onMessage(frame.message as Json);
      const ref = frame.ref as string | undefined;
      if (ref && this.waiting.has(ref)) {
        this.waiting.get(ref)!(frame);
        this.waiting.delete(ref);
      }
    });
  }
  static open(url: string, headers: Record<string, string> = {}): Promise<Client> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers, perMessageDeflate: false });
      ws.once('open', () => resolve(new Client(ws)));
      ws.once('error', reject);
    });
  }
  request(frame: Json): Promise<Json> {
    const id = `b${++this.seq}`;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.ws.send(JSON.stringify({ ...frame, id }));
    });
  }
  send(frame: Json): void {
    this.ws.send(JSON.stringify(frame));
  }
}

async function inBatches<T>(count: number, batch: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < count; i += batch) out.push(...(await Promise.all(Array.from({ length: Math.min(batch, count - i) }, (_, j) => make(i + j)))));
  return out;
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (n: number, d = 1): number => Math.round(n * 10 ** d) / 10 ** d;

interface Target {
  wsUrl: string;
  headers: Record<string, string>;
  chats: { chatId: string; token: string }[];
}

interface RunResult {
  socketsOpen: number;
  openSeconds: number;
  heldAfterSeconds: number;
  fixedRate: { rate: number; sent: number; delivered: number; p50Ms: number; p99Ms: number; maxMs: number };
  throughput: { messagesPerSecond: number; delivered: number; p50Ms: number; p99Ms: number };
}

/** Opens every socket, holds them, then runs the fixed-rate and the closed-loop phases. */
async function drive(target: Target): Promise<RunResult> {
  const t0 = performance.now();
  const agentsNeeded = Math.ceil(target.chats.length / CHATS_PER_AGENT);
  const customers = await inBatches(target.chats.length, 100, async (i) => {
    const c = await Client.open(target.wsUrl);
    await c.request({ type: 'hello', chatTokens: [target.chats[i]!.token] });
    await c.request({ type: 'chat.resume', chatId: target.chats[i]!.chatId });
    return c;
  });
  const agents = await inBatches(agentsNeeded, 20, async (a) => {
    const c = await Client.open(target.wsUrl, target.headers);
    for (const chat of target.chats.slice(a * CHATS_PER_AGENT, (a + 1) * CHATS_PER_AGENT)) await c.request({ type: 'chat.resume', chatId: chat.chatId });
    return c;
  });
  const idle = await inBatches(Math.max(0, SOCKETS - customers.length - agents.length), 200, async () => {
    const c = await Client.open(target.wsUrl);
    await c.request({ type: 'hello' });
    return c;
  });
  const all = [...customers, ...agents, ...idle];
  const openSeconds = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 5000));
  const heldAfterSeconds = all.filter((c) => c.ws.readyState === WebSocket.OPEN).length;

  const sentAt = new Map<string, number>();
  let latencies: number[] = [];
  let delivered = 0;
  const onDelivered = new Map<string, () => void>();
  for (const agent of agents) {
    agent.onMessage = (m) => {
      const key = String(m.clientId);
      const at = sentAt.get(key);
      if (at === undefined) return;
      sentAt.delete(key);
      latencies.push(performance.now() - at);
      delivered++;
      onDelivered.get(key)?.();
      onDelivered.delete(key);
    };
  }
  let seq = 0;
  const sendFrom = (i: number): string => {
    const key = `k${++seq}`;
    sentAt.set(key, performance.now());
    customers[i]!.send({ type: 'message.send', chatId: target.chats[i]!.chatId, clientId: key, body: `bench message ${seq}` });
    return key;
  };

  // Phase 1: a fixed rate, spread over the conversations round-robin.
  const perTick = RATE / 100;
  let sent = 0;
  let carry = 0;
  const started = performance.now();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.floor(((performance.now() - started) / 1000) * RATE) - sent;
      carry = Math.max(0, due);
      for (let k = 0; k < Math.min(carry, perTick * 5); k++) sendFrom(sent++ % customers.length);
      if (performance.now() - started >= SECONDS * 1000) {
        clearInterval(timer);
        resolve();
      }
    }, 10);
  });
  // Late deliveries still count (the latency says how late); the closed loop must not start
  // while this phase's backlog is still being worked off, so wait for it, up to 30 s.
  const drainUntil = performance.now() + 30_000;
  await new Promise((r) => setTimeout(r, 2000));
  while (sentAt.size > 0 && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 100));
  const fixed = [...latencies].sort((a, b) => a - b);
  const fixedRate = { rate: RATE, sent, delivered, p50Ms: round(percentile(fixed, 50)), p99Ms: round(percentile(fixed, 99)), maxMs: round(fixed[fixed.length - 1] ?? 0) };

  // Phase 2: closed loop, one message in flight per conversation.
  latencies = [];
  delivered = 0;
  sentAt.clear();
  let running = true;
  const loop = (i: number) => {
    if (!running) return;
    const at = performance.now();
    const key = sendFrom(i);
    onDelivered.set(key, () => setTimeout(() => loop(i), Math.max(0, MIN_GAP_MS - (performance.now() - at))));
  };
  const loopStart = performance.now();
  customers.forEach((_, i) => loop(i));
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  running = false;
  const elapsed = (performance.now() - loopStart) / 1000;
  const loopLat = [...latencies].sort((a, b) => a - b);
  const throughput = { messagesPerSecond: Math.round(delivered / elapsed), delivered, p50Ms: round(percentile(loopLat, 50)), p99Ms: round(percentile(loopLat, 99)) };
  await new Promise((r) => setTimeout(r, 1000));
  for (const c of all) c.ws.terminate();
  return { socketsOpen: all.length, openSeconds: round(openSeconds), heldAfterSeconds, fixedRate, throughput };
}

type Database = 'sqlite' | 'postgres';
type LedgerDeskRun = RunResult & { database: Database; serverPeakMiB: number };
const pgUrl = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function ledgerDesk(database: Database): Promise<LedgerDeskRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledgerdesk-chat-bench-'));
  const schema = database === 'postgres' ? freshSchemaName() : undefined;
  const env = {
    DATABASE_URL: schema ? pgUrl : `sqlite:${join(dataDir, 'bench.db')}`, ...(schema ? { DATABASE_SCHEMA: schema } : {}),
    DATA_DIR: dataDir, LOG_LEVEL: 'warn', SEED_DEMO: 'false', SEED_HELP_CENTER: 'false',
    LEDGERDESK_SECRET: 'chat-benchmark-secret-0123456789abcdef', LEDGERDESK_ADMIN_PASSWORD: 'bench-admin-password',
  };
  try {
    const authorization = await provisionToken(env);
    const app = await buildApp(loadConfig(env), { logger: pino({ level: 'silent' }) });
    const chats = await inBatches(CONVERSATIONS, 50, async (i) => {
      const side = { ...newCustomerSide(), helloDone: true };
      const { chatId } = await chatStarter({ ctx: app.ctx, side, origin: { ip: null, userAgent: 'bench' }, input: { topic: 'deposit', locale: 'en', body: `conversation ${i}`, clientId: `start${i}` } });
      return { chatId, token: chatTokenFor(app.ctx, chatId) };
    });
    // Conversations between a customer and an agent: the bot stays silent once a person has joined.
    await app.ctx.db.updateTable('chats').set({ state: 'assigned' }).execute();
    // A running installation has its model: the server must not train its first one mid-measurement.
    await botOf(app.ctx).train();
    await app.close();
    const server = await startServer(env, args.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(root, 'bench', 'results', 'profiles')}`] : []);
    try {
      if (process.env.BENCH_SERVER_LOG) server.child.stdout!.pipe(process.stderr);
      const result = await drive({ wsUrl: server.url.replace('http', 'ws') + '/api/v1/chat/ws', headers: { authorization }, chats });
      return { ...result, database, serverPeakMiB: server.memory().peakMiB };
    } finally {
      await server.stop();
    }
  } finally {
    if (schema) await dropSchema(pgUrl, schema).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function bareRelay(): Promise<RunResult> {
  const child = spawn(process.execPath, [...entryArgs('bench/chat.ts'), '--relay-server'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => child.stdout!.on('data', (d: Buffer) => {
    const m = /PORT (\d+)/.exec(String(d));
    if (m) resolve(Number(m[1]));
  }));
  try {
    const chats = Array.from({ length: CONVERSATIONS }, (_, i) => ({ chatId: `room${i}`, token: 'x'.repeat(12) }));
    return await drive({ wsUrl: `ws://127.0.0.1:${port}`, headers: {}, chats });
  } finally {
    child.kill('SIGTERM');
  }
}

interface Report {
  date: string;
  machine: string;
  sockets: number;
  conversations: number;
  rate: number;
  seconds: number;
  /** 1-minute load average of the machine before each target ran (shared with other work). */
  load: Record<string, number>;
  relay: RunResult;
  ledgerdesk: (LedgerDeskRun & { ratio: number })[];
  skipped: string[];
}

const dbName: Record<Database, string> = { sqlite: 'SQLite (embedded)', postgres: 'PostgreSQL' };

function markdown(report: Report): string {
  const row = (name: string, r: RunResult, load: number | undefined) =>
    `| ${name} | ${r.heldAfterSeconds}/${r.socketsOpen} | ${r.openSeconds} s | ${r.fixedRate.delivered}/${r.fixedRate.sent} | ${r.fixedRate.p50Ms} | ${r.fixedRate.p99Ms} | ${r.throughput.messagesPerSecond} | ${r.throughput.p50Ms} / ${r.throughput.p99Ms} | ${load ?? '?'} |`;
  return `# Chat benchmark

${report.date} · ${report.machine} · one server process; sockets from a second process on the same machine.
${report.conversations} conversations (customer socket + agent sockets following ${CHATS_PER_AGENT} chats each), the rest idle widgets.
Latency = customer's \`message.send\` frame → the agent's socket receives the \`message\` frame (stored, outbox, bus, delivered).

| target | sockets held | open time | delivered at ${report.rate}/s | p50 ms | p99 ms | closed-loop msg/s | loop p50 / p99 ms | load avg |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${report.ledgerdesk.map((r) => row(`LedgerDesk, ${dbName[r.database]}`, r, report.load[r.database])).join('\n')}
${row('bare ws relay', report.relay, report.load.relay)}

${report.ledgerdesk.map((r) => `Throughput of LedgerDesk on ${dbName[r.database]} = ${r.ratio}% of the bare relay (server peak RSS ${r.serverPeakMiB} MiB).`).join('\n')}
${report.skipped.map((s) => `Skipped: ${s}.`).join('\n')}

The relay only copies frames between sockets; LedgerDesk authenticates each socket, validates every frame, commits each
message (chat and ticket read and locked, message, timeline, outbox) before anyone sees it, then publishes the event and
delivers the message it carries. Closed loop: every conversation keeps one message in flight, at most one per
${MIN_GAP_MS} ms (the gateway's per-socket limit is 20 frames/s). The load generator shares the machine's cores with the
server it measures (and with other work: load avg = the 1-minute load average when that target started).

Run: \`node --import tsx bench/chat.ts --sockets ${report.sockets} --conversations ${report.conversations} --rate ${report.rate} --seconds ${report.seconds}\`
`;
}

async function main(): Promise<void> {
  const wanted = String(args.database).split(',').map((d) => d.trim()).filter((d): d is Database => d === 'sqlite' || d === 'postgres');
  if (args.profile) {
    process.stdout.write(JSON.stringify(await ledgerDesk(wanted[0] ?? 'sqlite'), null, 2) + '\n');
    return;
  }
  const load: Record<string, number> = {};
  const loadNow = () => round(loadavg()[0]!, 2);
  load.relay = loadNow();
  const relay = await bareRelay();
  const ledgerdesk: Report['ledgerdesk'] = [];
  const skipped: string[] = [];
  for (const database of wanted) {
    if (database === 'postgres') {
      const reachable = await withPgClient(pgUrl, async () => true).catch((err: unknown) => (err instanceof Error ? err.message : String(err)));
      if (reachable !== true) {
        skipped.push(`PostgreSQL at ${new URL(pgUrl).host} unreachable (${reachable})`);
        continue;
      }
    }
    load[database] = loadNow();
    const run = await ledgerDesk(database);
    ledgerdesk.push({ ...run, ratio: round((100 * run.throughput.messagesPerSecond) / Math.max(1, relay.throughput.messagesPerSecond)) });
  }
  const report: Report = {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC', machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
    sockets: SOCKETS, conversations: CONVERSATIONS, rate: RATE, seconds: SECONDS, load, relay, ledgerdesk, skipped,
  };
  if (!args['no-write']) {
    const dir = join(root, 'bench', 'results');
    writeFileSync(join(dir, 'chat-latest.json'), JSON.stringify(report, null, 2) + '\n');
    writeFileSync(join(dir, 'chat-latest.md'), markdown(report));
  }
  process.stdout.write(markdown(report));
}

if (args['relay-server']) runRelay();
else if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
