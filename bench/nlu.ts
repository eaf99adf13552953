/**
 * NLU benchmark (issue 4, item 6): the bot's intent classifier cross-validated on the shared
 * training data only — BANKING77 train (k folds, all data and 10 examples per intent) and
 * CLINC150 train + oos_train → val + oos_val. The test splits stay untouched for independent
 * measurement. Writes bench/results/nlu-latest.md and nlu-latest.json with every target.
 *
 *   node --import tsx bench/nlu.ts [--folds 5] [--seed 1] [--only banking,shots,unlabeled,clinc] [--data ../shared/data]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { IntentClassifier, parseIntentCsv, percentile, sampleShots, stratifiedFolds, trainAndEvaluate, type EvalReport, type Example } from '../src/platform/nlu/index.js';

const { values: args } = parseArgs({
  options: {
    folds: { type: 'string', default: '5' },
    seed: { type: 'string', default: '1' },
    only: { type: 'string', default: 'banking,shots,unlabeled,clinc' },
    data: { type: 'string', default: resolve(import.meta.dirname, '../../shared/data') },
    'no-write': { type: 'boolean', default: false },
  },
});
// evaluateModel collects the training garbage before timing predictions when gc is exposed.
setFlagsFromString('--expose-gc');
(globalThis as { gc?: () => void }).gc = runInNewContext('gc') as () => void;

const folds = Math.max(2, Number(args.folds));
const seed = Number(args.seed);
const only = new Set(args.only.split(','));
const read = (path: string): Example[] => parseIntentCsv(readFileSync(join(args.data, path), 'utf8'));

interface Run {
  name: string;
  setup: string;
  folds: EvalReport[];
  /** Over all folds: quality figures are means, latency percentiles of all predictions pooled. */
  mean: EvalReport;
}

const mean = (reports: readonly EvalReport[], latencies: number[]): EvalReport => {
  latencies.sort((a, b) => a - b);
  const avg = (key: keyof EvalReport): number => reports.reduce((s, r) => s + ((r[key] as number | undefined) ?? 0), 0) / reports.length;
  const first = reports[0] as EvalReport;
  const out: EvalReport = {
    examples: reports.reduce((s, r) => s + r.examples, 0),
    intents: first.intents,
    trainExamples: Math.round(avg('trainExamples')),
    accuracy: avg('accuracy'),
    macroF1: avg('macroF1'),
    coverageAt95: avg('coverageAt95'),
    trainMs: Math.max(...reports.map((r) => r.trainMs)),
    predictP50Ms: percentile(latencies, 50),
    predictP99Ms: percentile(latencies, 99),
  };
  if (first.outOfScopeRecall !== undefined) {
    out.outOfScopeRecall = avg('outOfScopeRecall');
    out.inScopeAccuracy = avg('inScopeAccuracy');
  }
  return out;
};

const pct = (x: number | undefined): string => (x === undefined ? '—' : `${(x * 100).toFixed(2)}%`);
const log = (name: string, r: EvalReport): void =>
  console.log(
    `${name}: accuracy ${pct(r.accuracy)}, macro-F1 ${pct(r.macroF1)}, coverage@95 ${pct(r.coverageAt95)}` +
      (r.outOfScopeRecall !== undefined ? `, oos recall ${pct(r.outOfScopeRecall)}, in-scope ${pct(r.inScopeAccuracy)}` : '') +
      `, train ${(r.trainMs / 1000).toFixed(1)} s, predict p50 ${r.predictP50Ms.toFixed(3)} p99 ${r.predictP99Ms.toFixed(3)} ms`,
  );

/** `unlabeledRest`: the training part's texts not among the shots are given without labels. */
function crossValidate(name: string, data: readonly Example[], shots: number, unlabeledRest = false): Run {
  const intents = [...new Set(data.map((e) => e.intent))].sort();
  const fold = stratifiedFolds(data.map((e) => intents.indexOf(e.intent)), folds, seed);
  const reports: EvalReport[] = [];
  const latencies: number[] = [];
  for (let f = 0; f < folds; f++) {
    const rest = data.filter((_, i) => fold[i] !== f);
    const train = shots ? sampleShots(rest, shots, seed + f) : rest;
    const sampled = new Set(train);
    const unlabeled = unlabeledRest ? rest.filter((e) => !sampled.has(e)).map((e) => e.text) : [];
    const report = trainAndEvaluate(train, data.filter((_, i) => fold[i] === f), { seed, unlabeled }, latencies);
    log(`${name} fold ${f + 1}/${folds}`, report);
    reports.push(report);
  }
  const setup = `${folds}-fold stratified cross-validation of train.csv (${data.length} examples)` + (shots ? `, training on ${shots} examples per intent drawn from each training part` : '') +
    (unlabeledRest ? ' plus the rest of that part without its labels (semi-supervised; never the held-out fold)' : '');
  return { name, setup, folds: reports, mean: mean(reports, latencies) };
}

const runs: Run[] = [];
let fullTrainMs: number | undefined;
/** Training is single-threaded: CPU time is what it costs on an idle core, whatever else runs. */
let fullTrainCpuMs: number | undefined;
if (only.has('banking') || only.has('shots') || only.has('unlabeled')) {
  const banking = read('banking77/train.csv');
  if (only.has('banking')) {
    runs.push(crossValidate('BANKING77', banking, 0));
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    IntentClassifier.train(banking, { seed });
    fullTrainMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    fullTrainCpuMs = (cpu.user + cpu.system) / 1000;
    console.log(`BANKING77: training on all ${banking.length} examples took ${(fullTrainMs / 1000).toFixed(1)} s (${(fullTrainCpuMs / 1000).toFixed(1)} s of CPU)`);
  }
  if (only.has('shots')) runs.push(crossValidate('BANKING77 10-shot', banking, 10));
  if (only.has('unlabeled')) runs.push(crossValidate('BANKING77 10-shot + unlabelled rest', banking, 10, true));
}
if (only.has('clinc')) {
  const train = [...read('clinc150/train.csv'), ...read('clinc150/oos_train.csv')];
  const test = [...read('clinc150/val.csv'), ...read('clinc150/oos_val.csv')];
  const report = trainAndEvaluate(train, test, { seed });
  log('CLINC150', report);
  runs.push({ name: 'CLINC150', setup: `train.csv + oos_train.csv (${train.length}) → val.csv + oos_val.csv (${test.length})`, folds: [report], mean: report });
}

interface Target {
  name: string;
  goal: string;
  value: string;
  pass: boolean;
}
const targets: Target[] = [];
const target = (name: string, goal: string, value: number | undefined, pass: (v: number) => boolean, show: (v: number) => string): void => {
  if (value !== undefined) targets.push({ name, goal, value: show(value), pass: pass(value) });
};
const byName = (name: string): EvalReport | undefined => runs.find((r) => r.name === name)?.mean;
const full = byName('BANKING77');
const shot = byName('BANKING77 10-shot');
const semi = byName('BANKING77 10-shot + unlabelled rest');
const clinc = byName('CLINC150');
const ms = (v: number): string => `${v.toFixed(3)} ms`;
target('BANKING77 accuracy, all data', '≥ 92%', full?.accuracy, (v) => v >= 0.92, pct);
target('BANKING77 accuracy, 10 examples per intent (labelled examples only)', '≥ 80%', shot?.accuracy, (v) => v >= 0.8, pct);
target('BANKING77 accuracy, 10 examples per intent + the rest of the training part unlabelled', '≥ 80%', semi?.accuracy, (v) => v >= 0.8, pct);
target('BANKING77 coverage at 95% precision', '≥ 80%', full?.coverageAt95, (v) => v >= 0.8, pct);
target('BANKING77 train time, all 10,003 examples', '≤ 60 s', fullTrainMs, (v) => v <= 60_000, (v) => `${(v / 1000).toFixed(1)} s (${((fullTrainCpuMs ?? 0) / 1000).toFixed(1)} s of CPU)`);
target('BANKING77 predict p99 (all folds pooled)', '≤ 2 ms', full?.predictP99Ms, (v) => v <= 2, ms);
target('CLINC150 out-of-scope recall', '≥ 60%', clinc?.outOfScopeRecall, (v) => v >= 0.6, pct);
target('CLINC150 in-scope accuracy', '≥ 90%', clinc?.inScopeAccuracy, (v) => v >= 0.9, pct);

const report = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, platform: process.platform, loadAverage: loadavg().map((l) => Math.round(l * 10) / 10) },
  settings: { folds, seed },
  runs,
  fullTrainMs,
  fullTrainCpuMs,
  targets,
};

const row = (r: Run): string => {
  const m = r.mean;
  return `| ${r.name} | ${m.trainExamples} | ${pct(m.accuracy)} | ${pct(m.macroF1)} | ${pct(m.coverageAt95)} | ${pct(m.outOfScopeRecall)} | ${pct(m.inScopeAccuracy)} | ${(m.trainMs / 1000).toFixed(1)} s | ${m.predictP50Ms.toFixed(3)} / ${m.predictP99Ms.toFixed(3)} ms |`;
};
const markdown = [
  `# NLU benchmark — ${report.date}`,
  '',
  `Machine: ${report.machine.cpus} × ${report.machine.cpu}, Node ${report.machine.node} (${report.machine.platform}); load average at the end ${report.machine.loadAverage.join(' / ')} (other work shares these cores: wall-clock latency and train times include it).`,
  'Model: src/platform/nlu (see its README). Only the training files are used; the test splits are held out for independent measurement.',
  '',
  '| data | train examples | accuracy | macro-F1 | coverage @95% precision | oos recall | in-scope accuracy | train (worst fold) | predict p50 / p99 (all folds) |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...runs.map(row),
  '',
  ...runs.map((r) => `- **${r.name}**: ${r.setup}; per fold accuracy ${r.folds.map((f) => pct(f.accuracy)).join(', ')}.`),
  '',
  '## Targets',
  '',
  ...targets.map((t) => `- ${t.pass ? '✅' : '❌'} ${t.name}: ${t.value} (goal ${t.goal})`),
  '',
].join('\n');

if (!args['no-write']) {
  const dir = join(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'nlu-latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(dir, 'nlu-latest.md'), markdown);
}
for (const t of targets) console.log(`${t.pass ? 'PASS' : 'FAIL'} ${t.name}: ${t.value} (goal ${t.goal})`);
