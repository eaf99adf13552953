/**
 * Where the server's time goes: summarises a V8 .cpuprofile (from `npm run bench -- --profile`)
 * by self time per function and per package, so a missed target points at code, not guesses.
 *
 *   node dist/bench/profile.js bench/results/profiles/CPU.….cpuprofile [--top 25]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** node_modules/<pkg>, our own src/<folder>, node: internals, or (program)/(gc)/(idle). */
function ownerOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const mod = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (mod) return mod[1]!;
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const own = /\/(src\/[^/]+(?:\/[^/]+)?)\//.exec(url);
  return own ? own[1]! : url.replace(/^file:\/\//, '');
}

export function summarise(profile: CpuProfile, top: number): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const fns = new Map<string, number>();
  const owners = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(src|dist)\//, '$1/')}:${lineNumber + 1}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
    const owner = ownerOf(url, functionName);
    owners.set(owner, (owners.get(owner) ?? 0) + us);
  }
  // Inclusive time of our own functions: what a request stage costs with everything it calls.
  const inclusive = new Map<string, number>();
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  for (const [id, us] of selfUs) {
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parentOf.get(cur)) {
      const { functionName, url, lineNumber } = byId.get(cur)!.callFrame;
      if (!/\/(src|dist\/src)\//.test(url) || !functionName) continue;
      const key = `${functionName} ${url.replace(/^.*\/(src\/)/, '$1')}:${lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    }
  }
  const pct = (us: number) => `${((us / total) * 100).toFixed(1).padStart(5)} %`;
  const rows = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, us]) => `${pct(us)}  ${k}`);
  return [`total sampled: ${(total / 1e6).toFixed(1)} s`, '', 'by owner (self time):', ...rows(owners), '', 'by function (self time):', ...rows(fns), '', 'our functions (inclusive, synchronous part only):', ...rows(inclusive)].join('\n');
}

if (process.argv[1]?.endsWith('profile.js') || process.argv[1]?.endsWith('profile.ts')) {
  const { values, positionals } = parseArgs({ options: { top: { type: 'string', default: '25' } }, allowPositionals: true });
  if (!positionals[0]) {
    process.stderr.write('usage: profile <file.cpuprofile> [--top N]\n');
    process.exit(2);
  }
  process.stdout.write(`${summarise(JSON.parse(readFileSync(positionals[0], 'utf8')) as CpuProfile, Number(values.top))}\n`);
}
