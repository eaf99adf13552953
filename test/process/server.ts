import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/platform/db/index.js';
import { freePort } from '../../bench/server.js';

export { freePort };
import { agentWithToken } from '../factories.js';
import { onPostgres, testDatabaseUrl, testSchemaName } from '../harness.js';

/**
 * Process-level tests run the real CLI (`node --import tsx src/main.ts start`) as a child, on
 * a temp DATA_DIR with SQLite, or on a fresh PostgreSQL schema in the postgres pass.
 */
export const root = fileURLToPath(new URL('../..', import.meta.url));
export const ADMIN_PASSWORD = 'process-test-admin-password';

export interface ServerEnv extends Record<string, string> {
  DATABASE_URL: string;
  DATA_DIR: string;
}

export interface Workspace {
  env: ServerEnv;
  schema: string | undefined;
  /** Opens the same database the server uses, for checks behind its back. */
  openDatabase(): Database;
  dispose(): Promise<void>;
}

/** A fresh, empty database for one server: a temp SQLite file, or a new PostgreSQL schema. */
export async function createWorkspace(extra: Record<string, string> = {}): Promise<Workspace> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledgerdesk-proc-'));
  const schema = onPostgres ? testSchemaName('p') : undefined;
  const env: ServerEnv = {
    DATABASE_URL: schema ? testDatabaseUrl : `sqlite:${join(dataDir, 'ledgerdesk.db')}`,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    LEDGERDESK_ADMIN_PASSWORD: ADMIN_PASSWORD,
    DATABASE_POOL_SIZE: '4',
    ...(schema ? { DATABASE_SCHEMA: schema } : {}),
    ...extra,
  };
  return {
    env,
    schema,
    openDatabase: () => openDatabase({ url: env.DATABASE_URL, poolSize: 2, ...(schema ? { pgSchema: schema } : {}) }),
    dispose: async () => {
      // The schema is dropped by scripts/test.mjs after the pass (see test/harness.ts).
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Migrates the workspace's database and inserts an agent with an API token, before any server
 * starts: tokens need an agent, and agents are created by admins through a login we skip here.
 */
export async function provisionAgentToken(ws: Workspace): Promise<{ authorization: string }> {
  const config = loadConfig({ ...ws.env, LOG_LEVEL: 'silent' });
  const app = await buildApp(config, { logger: pino({ level: 'silent' }) });
  try {
    return (await agentWithToken(app.ctx, 'agent')).headers;
  } finally {
    await app.close();
  }
}


export interface RunningServer {
  child: ChildProcess;
  url: string;
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL if still running (cleanup). */
  kill(): Promise<void>;
}

/** Spawns `ledgerdesk start` through tsx; does not wait for readiness (see waitHealthy). */
export function spawnServer(env: Record<string, string>, args: string[] = ['start']): RunningServer {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let done = false;
  void exited.then(() => (done = true));
  return {
    child,
    url: `http://127.0.0.1:${env.PORT ?? '3000'}`,
    stdout: () => out,
    stderr: () => err,
    exited,
    kill: async () => {
      if (done) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Polls /healthz until 200, for up to `timeoutMs`; throws with the server's output otherwise. */
export async function waitHealthy(server: RunningServer, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void server.exited.then(() => (exited = true));
  while (Date.now() < deadline && !exited) {
    try {
      const res = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server not healthy (exited=${exited})\nstdout:\n${server.stdout()}\nstderr:\n${server.stderr()}`);
}

/** Starts a server on a free port and waits until it answers. */
export async function startServer(env: Record<string, string>): Promise<RunningServer> {
  const server = spawnServer({ ...env, PORT: String(await freePort()) });
  try {
    await waitHealthy(server);
  } catch (err) {
    await server.kill();
    throw err;
  }
  return server;
}

export interface CreatedTicket {
  id: string;
  number: string;
  subject: string;
  body: string;
}

let serial = 0;
/** One POST /api/v1/tickets as an integration would send it; returns the status and body. */
export async function createTicket(url: string, authorization: string, tag = 'p'): Promise<{ status: number; sent: { subject: string; body: string }; json: unknown }> {
  serial += 1;
  const sent = {
    subject: `Deposit not credited ${tag}-${serial}-${randomBytes(3).toString('hex')}`,
    body: `USDT on TRC20 sent two hours ago, still not credited. Ref ${tag}-${serial}.`,
  };
  const res = await fetch(`${url}/api/v1/tickets`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify({
      ...sent,
      category: 'deposit',
      fields: { coin: 'USDT', network: 'TRC20', amount: '250.5', txHash: randomBytes(32).toString('hex'), address: 'TQ7xV3n6kqgZr1bX9uN2aYkTc8Lm4RdPeW' },
      customer: { email: `trader-${tag}-${serial}@example.test`, name: 'Process Test' },
    }),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, sent, json };
}

/** The ticket in a create/read response (the API answers with the ticket object itself). */
export function ticketOf(json: unknown): { id: string; number: string; subject: string } {
  const ticket = json as { id?: unknown; number?: unknown; subject?: unknown } | null;
  if (typeof ticket?.id !== 'string' || typeof ticket.number !== 'string' || typeof ticket.subject !== 'string') {
    throw new Error(`no ticket in ${JSON.stringify(json)}`);
  }
  return { id: ticket.id, number: ticket.number, subject: ticket.subject };
}

/** Waits for the process to exit on its own; SIGKILLs it and fails after `timeoutMs`. */
export async function exitOf(server: RunningServer, timeoutMs = 30_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      server.child.kill('SIGKILL');
      reject(new Error(`process did not exit within ${timeoutMs} ms\nstdout:\n${server.stdout()}\nstderr:\n${server.stderr()}`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([server.exited, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
