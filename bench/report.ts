import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadResult } from './load.js';
import type { RawResult } from './raw.js';

export interface TargetRun {
  database: 'sqlite' | 'postgres';
  creates: LoadResult;
  reads: LoadResult;
  raw: RawResult;
  memory: { peakMiB: number; rssMiB: number };
}

export interface BenchReport {
  date: string;
  machine: { cpus: number; node: string; platform: string };
  settings: { seconds: number; connections: number };
  runs: TargetRun[];
  skipped: string[];
  targets: { name: string; goal: string; value: string; pass: boolean }[];
}

/** The targets, judged on the embedded SQLite run. */
export function judge(run: TargetRun | undefined): BenchReport['targets'] {
  if (!run) return [];
  const worstP99 = Math.max(run.creates.p99Ms, run.reads.p99Ms);
  const errors = run.creates.errors + run.creates.non2xx + run.reads.errors + run.reads.non2xx;
  return [
    { name: 'ticket creates/s (SQLite)', goal: '≥ 2000', value: String(run.creates.perSecond), pass: run.creates.perSecond >= 2000 },
    { name: 'ticket reads/s (SQLite)', goal: '≥ 6000', value: String(run.reads.perSecond), pass: run.reads.perSecond >= 6000 },
    { name: 'p99 latency, worst of both (SQLite)', goal: '≤ 25 ms', value: `${worstP99} ms`, pass: worstP99 <= 25 },
    { name: 'server peak RSS (SQLite)', goal: '≤ 250 MiB', value: `${run.memory.peakMiB} MiB`, pass: run.memory.peakMiB <= 250 },
    { name: 'errors and non-2xx (SQLite)', goal: '0', value: String(errors), pass: errors === 0 },
  ];
}

const pct = (api: number, raw: number) => (raw > 0 ? `${Math.round((api / raw) * 100)} %` : '–');

export function markdown(report: BenchReport): string {
  const lines = [
    `# Ticket API benchmark — ${report.date}`,
    '',
    `${report.date.slice(0, 16).replace('T', ' ')} UTC, ${report.machine.cpus} CPUs, Node ${report.machine.node}; ${report.settings.connections} connections, ${report.settings.seconds} s per phase after a warm-up; load from a separate process (autocannon); LOG_LEVEL=warn.`,
    '',
    '| Database | Operation | API req/s | p50 | p99 | errors / non-2xx | Raw driver ops/s | API ÷ raw | Server RSS peak |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const run of report.runs) {
    lines.push(
      `| ${run.database} | create ticket | ${run.creates.perSecond} | ${run.creates.p50Ms} ms | ${run.creates.p99Ms} ms | ${run.creates.errors} / ${run.creates.non2xx} | ${run.raw.createsPerSecond} | ${pct(run.creates.perSecond, run.raw.createsPerSecond)} | ${run.memory.peakMiB} MiB |`,
      `| ${run.database} | read ticket | ${run.reads.perSecond} | ${run.reads.p50Ms} ms | ${run.reads.p99Ms} ms | ${run.reads.errors} / ${run.reads.non2xx} | ${run.raw.readsPerSecond} | ${pct(run.reads.perSecond, run.raw.readsPerSecond)} | |`,
    );
  }
  if (report.targets.length) {
    lines.push('', '| Target | Goal | Measured | Result |', '| --- | --- | --- | --- |');
    for (const t of report.targets) lines.push(`| ${t.name} | ${t.goal} | ${t.value} | ${t.pass ? 'PASS' : 'FAIL'} |`);
  }
  for (const reason of report.skipped) lines.push('', `Skipped: ${reason}`);
  return `${lines.join('\n')}\n`;
}

export const README_START = '<!-- bench:start -->';
export const README_END = '<!-- bench:end -->';

/** Puts the tables (without the title) between the README's bench markers, if present. */
function updateReadme(root: string, report: BenchReport): boolean {
  const path = join(root, 'README.md');
  let readme: string;
  try {
    readme = readFileSync(path, 'utf8');
  } catch {
    return false;
  }
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) return false;
  const body = markdown(report).split('\n').slice(2).join('\n').trim();
  writeFileSync(path, `${readme.slice(0, start + README_START.length)}\n${body}\n${readme.slice(end)}`);
  return true;
}

export function writeReport(root: string, report: BenchReport, readme = true): { json: string; md: string; readme: boolean } {
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const json = join(dir, `${report.date.slice(0, 10)}-tickets.json`);
  const md = join(dir, 'latest.md');
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(md, markdown(report));
  return { json, md, readme: readme && updateReadme(root, report) };
}
