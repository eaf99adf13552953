import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { newId, nowIso } from '../src/platform/db/ids.js';
import { randomToken, sha256Hex } from '../src/platform/crypto.js';
import { hashPassword } from '../src/modules/identity/passwords.js';
import { API_TOKEN_PREFIX } from '../src/modules/identity/http/authenticate.js';
import { roleScopes } from '../src/modules/identity/actor.js';

/** True when running the compiled benchmark (dist/bench/*.js), false under tsx. */
export const compiled = import.meta.url.endsWith('.js');
export const root = fileURLToPath(new URL(compiled ? '../..' : '..', import.meta.url));

/** `node` arguments that run a project entry point, compiled or through tsx. */
export function entryArgs(source: string): string[] {
  return compiled ? [`dist/${source.replace(/\.ts$/, '.js')}`] : ['--import', 'tsx', source];
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Migrates the database and inserts an agent with an API token. Done before the server starts
 * because tokens belong to an agent, and agents are otherwise created through a console login.
 */
export async function provisionToken(env: Record<string, string>): Promise<string> {
  const app = await buildApp(loadConfig({ ...env, LOG_LEVEL: 'silent' }), { logger: pino({ level: 'silent' }) });
  try {
    const now = nowIso();
    const agentId = newId();
    await app.ctx.db
      .insertInto('agents')
      .values({ id: agentId, email: `bench-${randomToken(4).toLowerCase()}@example.test`, name: 'Bench Agent', role: 'agent', password_hash: await hashPassword(randomToken()), locale: 'en', totp_secret: null, totp_enabled: 0, disabled: 0, created_at: now, updated_at: now })
      .execute();
    const raw = `${API_TOKEN_PREFIX}${randomToken()}`;
    await app.ctx.db
      .insertInto('api_tokens')
      .values({ id: newId(), name: 'bench', prefix: raw.slice(0, 10), token_hash: sha256Hex(raw), agent_id: agentId, scopes: JSON.stringify(roleScopes.agent), created_at: now, expires_at: null, last_used_at: null, revoked_at: null })
      .execute();
    return `Bearer ${raw}`;
  } finally {
    await app.close();
  }
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Peak and current resident memory of the server process, in MiB. */
  memory(): { peakMiB: number; rssMiB: number };
  stop(): Promise<number | null>;
  output(): string;
}

function readMemory(pid: number): { peakMiB: number; rssMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { peakMiB: Math.round(kib('VmHWM') / 1024), rssMiB: Math.round(kib('VmRSS') / 1024) };
}

/** Starts `ledgerdesk start` as a child (the real server, its own process) and waits for /healthz. */
export async function startServer(env: Record<string, string>, nodeFlags: string[] = []): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeFlags, ...entryArgs('src/main.ts'), 'start'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited during start:\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) })).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not healthy within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    url,
    memory: () => readMemory(child.pid!),
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
