/**
 * Search benchmark (issue 3): synthetic multilingual corpora of 10k and 100k articles, 1,000
 * queries with known targets; build time, heap, query and suggestion latency, recall@5 — for
 * LedgerDesk's SearchIndex and, on the same corpus in the same run, MiniSearch and FlexSearch.
 *
 *   node --import tsx bench/search.ts [--sizes 10000,100000] [--queries 1000] [--budget-s 60]
 *
 * Each library runs on each corpus in its own process (so heap figures are its own) with the
 * same seeded corpus and queries. Writes bench/results/search-latest.md and search-latest.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { generateArticles, generateQueries, type Article, type Query } from './search/corpus.js';
import { flexSearch, ledgerDesk, miniSearch, type Engine } from './search/engines.js';
import { judge, renderMarkdown, type EngineRun, type SearchBenchReport } from './search/report.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}
const sizes = option('sizes', '10000,100000').split(',').map(Number).filter((n) => n > 0);
const queryCount = Number(option('queries', '1000'));
// Every timed loop stops at this budget: MiniSearch's fuzzy search can take seconds per query at 100k.
const budgetMs = Number(option('budget-s', '60')) * 1000;
const engines = option('engines', 'ledgerdesk,minisearch,flexsearch').split(',');

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;
const heapMiB = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

/** Partial inputs as typed into the search box: the coin and the start of the next word. */
function suggestionInputs(articles: readonly Article[], count: number): { text: string; locale: string }[] {
  const out: { text: string; locale: string }[] = [];
  for (let i = 0; i < count && articles.length > 0; i++) {
    const a = articles[(i * 7919) % articles.length] as Article;
    const [coin = '', rest = ''] = [a.title.slice(0, a.title.indexOf(' ')), a.title.slice(a.title.indexOf(' ') + 1)];
    const cut = i % 3 === 0 ? coin.slice(0, 3) : `${coin.toLowerCase()} ${[...rest].slice(0, a.locale === 'en' ? 3 : 1).join('')}`;
    out.push({ text: cut, locale: a.locale });
  }
  return out;
}

function timeLoop<T>(items: readonly T[], run: (item: T) => void): { samples: number[]; completed: number } {
  const samples: number[] = [];
  const started = performance.now();
  for (const item of items) {
    const t = performance.now();
    run(item);
    samples.push(performance.now() - t);
    if (performance.now() - started > budgetMs) break;
  }
  return { samples: samples.sort((a, b) => a - b), completed: samples.length };
}

function measure(engine: Engine, articles: readonly Article[], queries: readonly Query[]): EngineRun {
  const before = heapMiB();
  const t0 = performance.now();
  engine.build(articles);
  const buildMs = performance.now() - t0;
  const heap = heapMiB();
  // Warm-up: JIT and lazily built structures (sorted dictionaries) are not what users wait for.
  for (const q of queries.slice(0, 50)) engine.search(q.text, q.locale, 5);
  let found = 0;
  const byKind: Record<string, { queries: number; found: number }> = {};
  const search = timeLoop(queries, (q) => {
    const ok = engine.search(q.text, q.locale, 5).includes(q.target);
    const k = (byKind[q.kind] ??= { queries: 0, found: 0 });
    k.queries++;
    if (ok) {
      found++;
      k.found++;
    }
  });
  const inputs = suggestionInputs(articles, queries.length);
  let empty = 0;
  const suggest = timeLoop(inputs, (s) => {
    if (engine.suggest(s.text, s.locale) === 0) empty++;
  });
  return {
    engine: engine.name,
    config: engine.config,
    articles: articles.length,
    buildMs: round(buildMs, 0),
    heapMiB: round(heap, 1),
    indexHeapMiB: round(heap - before, 1),
    queries: search.completed,
    queryP50Ms: round(percentile(search.samples, 50), 3),
    queryP99Ms: round(percentile(search.samples, 99), 3),
    recallAt5: round(found / Math.max(1, search.completed), 4),
    recallByKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, round(v.found / v.queries, 4)])),
    suggestions: suggest.completed,
    suggestP50Ms: round(percentile(suggest.samples, 50), 3),
    suggestP99Ms: round(percentile(suggest.samples, 99), 3),
    emptySuggestions: empty,
  };
}

const factories: Record<string, () => Engine> = { ledgerdesk: ledgerDesk, minisearch: miniSearch, flexsearch: flexSearch };

/** Worker mode: one library on one corpus size, alone in its process so heap figures are its own. */
async function runWorker(name: string, size: number): Promise<void> {
  const make = factories[name];
  if (!make) throw new Error(`unknown engine ${name}`);
  const articles = generateArticles(size);
  const queries = generateQueries(articles, queryCount);
  process.stdout.write(`${JSON.stringify(measure(make(), articles, queries))}\n`);
}

function runInChild(name: string, size: number): EngineRun {
  const args = ['--import', 'tsx', fileURLToPath(import.meta.url), '--worker', name, '--size', String(size), '--queries', String(queryCount), '--budget-s', String(budgetMs / 1000)];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 16 * 2 ** 20, timeout: budgetMs * 4 + 600_000 });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !line.startsWith('{')) throw new Error(`${name} at ${size} failed: ${child.stderr.slice(-2000)}`);
  return JSON.parse(line) as EngineRun;
}

const worker = option('worker', '');
if (worker) {
  await runWorker(worker, Number(option('size', '10000')));
  process.exit(0);
}

const runs: EngineRun[] = [];
for (const size of sizes) {
  for (const name of engines) {
    const run = runInChild(name, size);
    runs.push(run);
    console.log(
      `${String(size).padStart(6)} ${run.engine.padEnd(24)} build ${run.buildMs} ms, heap ${run.heapMiB} MiB (index ${run.indexHeapMiB}), ` +
        `query p50 ${run.queryP50Ms} p99 ${run.queryP99Ms} ms, recall@5 ${(run.recallAt5 * 100).toFixed(1)}% (${run.queries} q), ` +
        `suggest p50 ${run.suggestP50Ms} p99 ${run.suggestP99Ms} ms`,
    );
  }
}

const report: SearchBenchReport = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, platform: process.platform },
  settings: { sizes, queries: queryCount, budgetSeconds: budgetMs / 1000 },
  runs,
  targets: judge(runs),
};
const dir = join(import.meta.dirname, 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'search-latest.json'), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(join(dir, 'search-latest.md'), renderMarkdown(report));
for (const t of report.targets) console.log(`${t.pass ? 'PASS' : 'FAIL'} ${t.name}: ${t.value} (goal ${t.goal})`);
