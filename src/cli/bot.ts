import { readFileSync, writeFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { CsvError, IntentClassifier, OUT_OF_SCOPE, parseIntentCsv, sampleShots, serializeModel, trainAndEvaluate, type EvalReport, type Example } from '../platform/nlu/index.js';

/**
 * `ledgerdesk bot train | eval`: the chat bot's intent classifier trained from a CSV of examples
 * (`text,intent`), written as a model file, or measured on a labelled test set. Neither touches
 * the database.
 */
const say = (text: string) => process.stdout.write(`${text}\n`);

/** The examples of a CSV file; a bad file is one error naming file:line. */
function readExamples(path: string): Example[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`${path}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  try {
    return parseIntentCsv(text);
  } catch (err) {
    if (err instanceof CsvError) throw new Error(`${path}:${err.line}: ${err.message}`);
    throw err;
  }
}

/** Unlabelled text for the classifier: one message or paragraph per line, blank lines skipped. */
function readTexts(path: string | undefined): string[] {
  if (!path) return [];
  try {
    return readFileSync(path, 'utf8').split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  } catch (err) {
    throw new Error(`${path}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}

function handled<A extends unknown[]>(name: string, run: (...args: A) => void): (...args: A) => void {
  return (...args) => {
    try {
      run(...args);
    } catch (err) {
      process.stderr.write(`ledgerdesk bot ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    }
  };
}

function nonNegativeInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return n;
}

function positiveInteger(value: string): number {
  const n = nonNegativeInteger(value);
  if (n === 0) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

interface TrainFlags {
  data: string;
  out: string;
  seed: number;
  unlabeled?: string;
}

function trainCommand(flags: TrainFlags): void {
  const examples = readExamples(flags.data);
  const t0 = performance.now();
  const model = IntentClassifier.train(examples, { seed: flags.seed, unlabeled: readTexts(flags.unlabeled) });
  const trainMs = performance.now() - t0;
  const json = JSON.stringify(serializeModel(model));
  writeFileSync(flags.out, json);
  const outOfScope = model.intents.includes(OUT_OF_SCOPE) ? ` (including "${OUT_OF_SCOPE}")` : '';
  say(`Trained on ${examples.length} examples of ${model.intents.length} intents${outOfScope} in ${seconds(trainMs)}.`);
  say(`Model written to ${flags.out} (${(json.length / 2 ** 20).toFixed(1)} MiB).`);
}

interface EvalFlags {
  train: string;
  test: string;
  shots?: number;
  seed: number;
  json?: boolean;
  unlabeled?: string;
  unlabeledRest?: boolean;
}

export interface EvalOutput extends EvalReport {
  trainFile: string;
  testFile: string;
  shots: number | null;
  seed: number;
  /** Unlabelled texts the model was also given (semi-supervised), 0 when none. */
  unlabeledTexts: number;
}

function evalCommand(flags: EvalFlags): void {
  const all = readExamples(flags.train);
  const test = readExamples(flags.test);
  const train = flags.shots ? sampleShots(all, flags.shots, flags.seed) : all;
  const sampled = new Set(train);
  // The rest of the training file without its labels: never the test file.
  const rest = flags.unlabeledRest ? all.filter((e) => !sampled.has(e)).map((e) => e.text) : [];
  const unlabeled = [...rest, ...readTexts(flags.unlabeled)];
  const report = trainAndEvaluate(train, test, { seed: flags.seed, unlabeled });
  const output: EvalOutput = { trainFile: flags.train, testFile: flags.test, shots: flags.shots ?? null, seed: flags.seed, unlabeledTexts: unlabeled.length, ...report };
  if (flags.json) {
    say(JSON.stringify(output));
    return;
  }
  const shots = (flags.shots ? ` (${flags.shots} per intent, seed ${flags.seed})` : '') + (unlabeled.length ? ` and ${unlabeled.length} unlabelled texts` : '');
  const rows: [string, string][] = [
    ['accuracy', percent(report.accuracy)],
    ['macro-F1', percent(report.macroF1)],
    ['coverage at 95% precision', percent(report.coverageAt95)],
  ];
  if (report.outOfScopeRecall !== undefined) rows.push(['out-of-scope recall', percent(report.outOfScopeRecall)]);
  if (report.inScopeAccuracy !== undefined) rows.push(['in-scope accuracy', percent(report.inScopeAccuracy)]);
  rows.push(['train time', seconds(report.trainMs)], ['predict p50 / p99', `${report.predictP50Ms.toFixed(3)} / ${report.predictP99Ms.toFixed(3)} ms`]);
  say(`Trained on ${report.trainExamples} examples${shots} of ${report.intents} intents from ${flags.train}; tested on ${report.examples} examples from ${flags.test}.`);
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) say(`  ${label.padEnd(width)}  ${value}`);
}

export function registerBotCommands(program: Command): void {
  const bot = program.command('bot').description('Train and measure the chat bot\'s intent classifier (offline, from your own examples)');
  bot
    .command('train')
    .description('Train the intent classifier from a CSV of examples (columns "text" and "intent" or "category") and write the model')
    .requiredOption('--data <file>', 'CSV of examples, RFC 4180, with a header line')
    .option('--out <file>', 'where to write the model (JSON)', 'model.json')
    .option('--seed <n>', 'random seed (the same seed and data give the same model)', nonNegativeInteger, 1)
    .option('--unlabeled <file>', 'text without labels to learn from as well (one message or paragraph per line)')
    .action(handled('train', trainCommand));
  bot
    .command('eval')
    .description('Train on one CSV and report accuracy, macro-F1, coverage at 95% precision, out-of-scope recall, train time and latency on another')
    .requiredOption('--train <file>', 'CSV of training examples')
    .requiredOption('--test <file>', 'CSV of test examples (intent "oos" marks out-of-scope ones)')
    .option('--shots <n>', 'train on only n examples per intent, drawn with the seed', positiveInteger)
    .option('--seed <n>', 'random seed for sampling and training', nonNegativeInteger, 1)
    .option('--unlabeled <file>', 'text without labels to learn from as well (one message or paragraph per line)')
    .option('--unlabeled-rest', 'with --shots: also learn from the rest of the training file, its labels dropped')
    .option('--json', 'print one JSON object instead of a table')
    .action(handled('eval', evalCommand));
}
