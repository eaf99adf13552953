export interface EngineRun {
  engine: string;
  config: string;
  articles: number;
  buildMs: number;
  /** Heap after building, corpus included. */
  heapMiB: number;
  /** Heap growth caused by the index alone. */
  indexHeapMiB: number;
  queries: number;
  queryP50Ms: number;
  queryP99Ms: number;
  recallAt5: number;
  recallByKind: Record<string, number>;
  suggestions: number;
  suggestP50Ms: number;
  suggestP99Ms: number;
  emptySuggestions: number;
}

export interface SearchBenchReport {
  date: string;
  machine: { cpus: number; cpu: string; node: string; platform: string };
  settings: { sizes: number[]; queries: number; budgetSeconds: number };
  runs: EngineRun[];
  targets: { name: string; goal: string; value: string; pass: boolean }[];
}

const OURS = 'LedgerDesk SearchIndex';

/** The issue's targets, judged on the largest corpus. */
export function judge(runs: readonly EngineRun[]): SearchBenchReport['targets'] {
  const ours = runs.filter((r) => r.engine === OURS).sort((a, b) => a.articles - b.articles);
  const large = ours[ours.length - 1];
  const small = ours[0];
  if (!large) return [];
  const mini = runs.find((r) => r.engine === 'MiniSearch' && r.articles === large.articles);
  const n = `${large.articles / 1000}k`;
  const growth = small && small !== large ? large.queryP99Ms / Math.max(0.001, small.queryP99Ms) : Number.NaN;
  const targets = [
    { name: `query p99 at ${n}`, goal: '≤ 10 ms', value: `${large.queryP99Ms} ms`, pass: large.queryP99Ms <= 10 },
    { name: `suggest p99 at ${n}`, goal: '≤ 3 ms', value: `${large.suggestP99Ms} ms`, pass: large.suggestP99Ms <= 3 },
    { name: `build at ${n}`, goal: '≤ 20 s', value: `${(large.buildMs / 1000).toFixed(1)} s`, pass: large.buildMs <= 20_000 },
    { name: `heap at ${n}`, goal: '≤ 400 MB', value: `${large.heapMiB} MiB`, pass: large.heapMiB <= 400 },
  ];
  if (Number.isFinite(growth)) {
    targets.push({ name: `query p99 growth ${small?.articles}→${large.articles}`, goal: '< 3×', value: `${growth.toFixed(2)}×`, pass: growth < 3 });
  }
  if (mini) {
    targets.push({
      name: `recall@5 at ${n} vs MiniSearch`,
      goal: `≥ ${(mini.recallAt5 * 100).toFixed(1)}%`,
      value: `${(large.recallAt5 * 100).toFixed(1)}%`,
      pass: large.recallAt5 >= mini.recallAt5,
    });
  }
  return targets;
}

export function renderMarkdown(report: SearchBenchReport): string {
  const lines = [
    `# Search benchmark — ${report.date}`,
    '',
    `Machine: ${report.machine.cpus} × ${report.machine.cpu}, Node ${report.machine.node} (${report.machine.platform}).`,
    `Corpora: ${report.settings.sizes.join(', ')} synthetic zh-CN/en/ko articles; ${report.settings.queries} queries with a known target ` +
      `(typos, prefixes, Korean particles, traditional characters, full-width letters); every timed loop capped at ${report.settings.budgetSeconds} s.`,
    '',
    '| articles | engine | build | heap (index) | query p50 / p99 | recall@5 | suggest p50 / p99 |',
    '|---:|---|---:|---:|---:|---:|---:|',
    ...report.runs.map(
      (r) =>
        `| ${r.articles} | ${r.engine} | ${(r.buildMs / 1000).toFixed(2)} s | ${r.heapMiB} MiB (${r.indexHeapMiB}) | ${r.queryP50Ms} / ${r.queryP99Ms} ms | ` +
        `${(r.recallAt5 * 100).toFixed(1)}%${r.queries < report.settings.queries ? ` (${r.queries} q in budget)` : ''} | ${r.suggestP50Ms} / ${r.suggestP99Ms} ms |`,
    ),
    '',
    '## Recall@5 by query kind',
    '',
    '| articles | engine | ' + Object.keys(report.runs[0]?.recallByKind ?? {}).join(' | ') + ' |',
    '|---:|---|' + Object.keys(report.runs[0]?.recallByKind ?? {}).map(() => '---:').join('|') + '|',
    ...report.runs.map((r) => `| ${r.articles} | ${r.engine} | ` + Object.keys(report.runs[0]?.recallByKind ?? {}).map((k) => `${((r.recallByKind[k] ?? 0) * 100).toFixed(1)}%`).join(' | ') + ' |'),
    '',
    '## Targets (LedgerDesk, largest corpus)',
    '',
    ...report.targets.map((t) => `- ${t.pass ? '✅' : '❌'} ${t.name}: ${t.value} (goal ${t.goal})`),
    '',
    '## Configurations',
    '',
    ...[...new Map(report.runs.map((r) => [r.engine, r.config])).entries()].map(([e, c]) => `- **${e}**: ${c}`),
    '',
  ];
  return lines.join('\n');
}
