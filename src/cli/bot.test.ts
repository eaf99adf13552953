import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserializeModel } from '../platform/nlu/index.js';
import type { EvalOutput } from './bot.js';
import { runCli, type CliRun } from '../../test/process/cli.js';

/** `ledgerdesk bot …` run as the real CLI in a child process; it needs no database. */
const root = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = join(root, 'src/platform/nlu/fixtures');
const trainCsv = join(fixtures, 'intents-train.csv');
const testCsv = join(fixtures, 'intents-test.csv');


const bot = (...args: string[]): Promise<CliRun> => runCli(['bot', ...args]);

describe('ledgerdesk bot', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledgerdesk-bot-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 'text,intent\nfine,a\n"broken",b,c\n');
  const header = join(dir, 'header.csv');
  writeFileSync(header, 'question,answer\na,b\n');
  const model = join(dir, 'model.json');
  // The processes start together: each pays the CLI's start-up, not the one before it.
  const runs = {
    table: bot('eval', '--train', trainCsv, '--test', testCsv),
    json: bot('eval', '--train', trainCsv, '--test', testCsv, '--shots', '5', '--seed', '2', '--json'),
    rest: bot('eval', '--train', trainCsv, '--test', testCsv, '--shots', '5', '--unlabeled-rest', '--json'),
    train: bot('train', '--data', trainCsv, '--out', model),
    badRow: bot('eval', '--train', bad, '--test', testCsv),
    badHeader: bot('train', '--data', header, '--out', join(dir, 'x.json')),
    missing: bot('train', '--data', join(dir, 'nope.csv')),
  };

  it('eval prints accuracy, macro-F1, coverage, out-of-scope figures, train time and latency', async () => {
    const run = await runs.table;
    assert.equal(run.code, 0, run.stderr);
    for (const label of ['accuracy', 'macro-F1', 'coverage at 95% precision', 'out-of-scope recall', 'in-scope accuracy', 'train time', 'predict p50 / p99']) {
      assert.match(run.stdout, new RegExp(`^  ${label.replace('/', '\\/')} +\\S`, 'm'), label);
    }
    assert.match(run.stdout, /Trained on 41 examples of 4 intents/);
  });

  it('eval --json prints one JSON object with the same figures; --shots samples per intent', async () => {
    const run = await runs.json;
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout) as EvalOutput;
    assert.equal(out.trainExamples, 20);
    assert.equal(out.shots, 5);
    assert.equal(out.examples, 14);
    for (const key of ['accuracy', 'macroF1', 'coverageAt95', 'outOfScopeRecall', 'inScopeAccuracy', 'trainMs', 'predictP50Ms', 'predictP99Ms'] as const) {
      assert.equal(typeof out[key], 'number', key);
    }
    assert.ok(out.accuracy >= 0 && out.accuracy <= 1);
  });

  it('eval --unlabeled-rest gives the model the rest of the training file without labels', async () => {
    const run = await runs.rest;
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout) as EvalOutput;
    assert.equal(out.trainExamples, 20);
    assert.equal(out.unlabeledTexts, 41 - 20);
    assert.ok(out.accuracy >= 0 && out.accuracy <= 1);
  });

  it('train writes a model that loads and predicts', async () => {
    const run = await runs.train;
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Trained on 41 examples of 4 intents in [\d.]+ s\./);
    const loaded = deserializeModel(readFileSync(model, 'utf8'));
    assert.equal(loaded.predict('提现一直没到').intent, 'withdrawal_pending');
  });

  it('a bad CSV is one error line naming file:line, exit 1', async () => {
    const run = await runs.badRow;
    assert.equal(run.code, 1);
    assert.equal(run.stderr, `ledgerdesk bot eval: ${bad}:3: expected 2 fields, found 3\n`);
    const second = await runs.badHeader;
    assert.equal(second.code, 1);
    assert.match(second.stderr, new RegExp(`^ledgerdesk bot train: ${header.replace(/[.]/g, '\\.')}:1: header must name`));
    const missing = await runs.missing;
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /nope\.csv: cannot read the file \(ENOENT\)/);
  });
});
