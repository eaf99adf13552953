/**
 * The load generator, run as its own process so it never shares the server's event loop or
 * the benchmark's: `node dist/bench/load.js <spec.json>` prints one JSON LoadResult.
 */
import { readFileSync } from 'node:fs';
import autocannon, { type Request } from 'autocannon';

export interface LoadSpec {
  url: string;
  authorization: string;
  kind: 'create' | 'read';
  /** Ticket ids to cycle through (reads). */
  ids?: string[];
  durationSeconds: number;
  connections: number;
}

export interface LoadResult {
  requests: number;
  ok: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  non2xx: number;
  statusCodes: Record<string, number>;
}

function createRequest(spec: LoadSpec): Request {
  let n = 0;
  return {
    method: 'POST',
    path: '/api/v1/tickets',
    headers: { authorization: spec.authorization, 'content-type': 'application/json' },
    setupRequest: (request) => {
      n += 1;
      const body = {
        subject: `Deposit not credited #${n}`,
        body: `I sent 250 USDT over TRC20 an hour ago (tx ${n.toString(16).padStart(8, '0')}), it is not in my spot wallet yet.`,
        category: 'deposit',
        fields: { coin: 'USDT', network: 'TRC20', amount: '250', txHash: n.toString(16).padStart(64, '0'), address: 'TQ7xV3n6kqgZr1bX9uN2aYkTc8Lm4RdPeW' },
        customer: { email: `bench-${n % 500}@example.test`, name: 'Bench Trader' },
      };
      return { ...request, body: JSON.stringify(body) };
    },
  };
}

function readRequest(spec: LoadSpec): Request {
  const ids = spec.ids ?? [];
  if (ids.length === 0) throw new Error('reads need ticket ids');
  let n = 0;
  return {
    method: 'GET',
    headers: { authorization: spec.authorization },
    setupRequest: (request) => {
      n += 1;
      return { ...request, path: `/api/v1/tickets/${ids[n % ids.length]}` };
    },
  };
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.durationSeconds,
    timeout: 10,
    requests: [spec.kind === 'create' ? createRequest(spec) : readRequest(spec)],
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stat.count;
  const ok = result['2xx'];
  return {
    requests: result.requests.total,
    ok,
    perSecond: Math.round(ok / result.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
  };
}

if (process.argv[1]?.endsWith('load.js') || process.argv[1]?.endsWith('load.ts')) {
  const spec = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as LoadSpec;
  process.stdout.write(`${JSON.stringify(await runLoad(spec))}\n`);
}
