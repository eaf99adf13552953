import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DbOrTx } from '../../platform/db/index.js';
import { sha256Hex } from '../../platform/crypto.js';
import { parseTags } from '../helpcenter/queries.js';
import { decodeIntentAnswer } from './definitions.js';
import { deserializeModel, MODEL_VERSION, type Example, type IntentClassifier } from '../../platform/nlu/index.js';
import { runInWorker } from '../../platform/workers/runInWorker.js';
import type { TrainingOutput } from './trainingWorker.js';

/**
 * Training the bot's classifier from the examples in the database: what it learns from, how
 * well it does on a held-out fold, and the confidence from which it answers on its own.
 */
export interface TrainingSet {
  examples: Example[];
  intents: number;
  /** Changes whenever an enabled intent or its examples change: "is the model current?". */
  fingerprint: string;
}

export interface ModelMetrics {
  examples: number;
  intents: number;
  trainMs: number;
  /** Accuracy on one stratified fold (a fifth of the examples) held out from a model trained on the rest. */
  foldAccuracy: number;
  foldExamples: number;
  /** Lowest confidence at which the held-out answers were still right often enough (see `answering`). */
  answerThreshold: number;
  /** The model's own out-of-scope threshold: below it, even suggestions are guesses. */
  suggestThreshold: number;
  fingerprint: string;
}

export interface TrainedModel {
  classifier: IntentClassifier;
  serialized: string;
  metrics: ModelMetrics;
}

/**
 * Answers the bot gives on its own should be right `precision` of the time on held-out examples;
 * below that confidence it offers choices. Small example sets rarely reach it, so the threshold
 * is kept within [min, max]: a wrong answer still carries the "talk to a person" button.
 */
const answering = { precision: 0.9, min: 0.3, max: 0.6 };

/**
 * The operator's examples plus, for every intent that answers with a help-center article, that
 * article's published titles and tags in each language: they are how readers name the topic,
 * and they lift held-out accuracy on the shipped intents from about 44% to 69% (5-fold, measured
 * when this was added). Editing an article's title or tags therefore changes the fingerprint.
 */
export async function loadTrainingSet(db: DbOrTx): Promise<TrainingSet> {
  const rows = await db
    .selectFrom('bot_examples')
    .innerJoin('bot_intents', 'bot_intents.id', 'bot_examples.intent_id')
    .select(['bot_intents.name as intent', 'bot_examples.text'])
    .where('bot_intents.enabled', '=', 1)
    .execute();
  const examples = rows.map((r) => ({ text: r.text, intent: r.intent }));
  examples.push(...(await articleExamples(db)));
  // Sorted so that the same examples always train the same model, whatever order rows come in.
  examples.sort((a, b) => (a.intent === b.intent ? (a.text < b.text ? -1 : a.text > b.text ? 1 : 0) : a.intent < b.intent ? -1 : 1));
  const intents = new Set(examples.map((e) => e.intent)).size;
  const fingerprint = sha256Hex(`${MODEL_VERSION}\n${examples.map((e) => `${e.intent}\t${e.text}`).join('\n')}`);
  return { examples, intents, fingerprint };
}

async function articleExamples(db: DbOrTx): Promise<Example[]> {
  const intents = await db.selectFrom('bot_intents').select(['name', 'answer']).where('enabled', '=', 1).execute();
  const intentsBySlug = new Map<string, string[]>();
  for (const intent of intents) {
    const answer = decodeIntentAnswer(intent.answer)?.answer;
    const slug = answer?.type === 'article' ? answer.slug : answer?.type === 'handover' ? answer.article : undefined;
    if (slug) intentsBySlug.set(slug, [...(intentsBySlug.get(slug) ?? []), intent.name]);
  }
  if (intentsBySlug.size === 0) return [];
  const translations = await db
    .selectFrom('article_translations')
    .innerJoin('articles', 'articles.id', 'article_translations.article_id')
    .select(['articles.slug', 'article_translations.title', 'article_translations.tags'])
    .where('articles.status', '=', 'published')
    .where('articles.slug', 'in', [...intentsBySlug.keys()])
    .execute();
  const out: Example[] = [];
  for (const t of translations) {
    const phrases = [...new Set([t.title, ...parseTags(t.tags)])];
    for (const intent of intentsBySlug.get(t.slug) ?? []) for (const text of phrases) out.push({ text, intent });
  }
  return out;
}

/** The confidence above which held-out answers were right often enough (clamped to `answering`'s range). */
function answerThresholdOf(judged: { confidence: number; correct: boolean }[]): number {
  const sorted = [...judged].sort((a, b) => b.confidence - a.confidence);
  let right = 0;
  let threshold = answering.max;
  sorted.forEach((j, k) => {
    if (j.correct) right++;
    if (right / (k + 1) >= answering.precision) threshold = j.confidence;
  });
  return Math.min(answering.max, Math.max(answering.min, threshold));
}

/** Same examples in the same process → the same (seeded, deterministic) model: train once. */
const trainedInProcess = new Map<string, Promise<TrainedModel>>();
const KEEP_IN_PROCESS = 3;

/**
 * Trains on a worker thread (see trainingWorker.ts): the nodes keep serving chats meanwhile.
 * With `cacheDir` (BOT_MODEL_CACHE_DIR) the worker's output is kept there by fingerprint, so the
 * same examples are trained once per machine rather than once per process (test files, staging
 * installations started over and over).
 */
export function trainModel(set: TrainingSet, cacheDir?: string): Promise<TrainedModel> {
  let training = trainedInProcess.get(set.fingerprint);
  if (!training) {
    training = runTraining(set, cacheDir);
    trainedInProcess.set(set.fingerprint, training);
    training.catch(() => trainedInProcess.delete(set.fingerprint));
    while (trainedInProcess.size > KEEP_IN_PROCESS) trainedInProcess.delete(trainedInProcess.keys().next().value as string);
  }
  return training;
}

async function cachedTraining(set: TrainingSet, cacheDir: string | undefined): Promise<TrainingOutput> {
  const train = () => runInWorker<TrainingOutput>(new URL('./trainingWorker.js', import.meta.url), set.examples);
  if (!cacheDir) return train();
  const path = join(cacheDir, `${set.fingerprint}.json`);
  try {
    return JSON.parse(await readFile(path, 'utf8')) as TrainingOutput;
  } catch {
    const output = await train();
    // Written whole under a temporary name, then renamed: a reader never sees half a model.
    await mkdir(cacheDir, { recursive: true });
    const temp = `${path}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(output));
    await rename(temp, path);
    return output;
  }
}

async function runTraining(set: TrainingSet, cacheDir: string | undefined): Promise<TrainedModel> {
  const { examples } = set;
  if (set.intents < 2) throw new Error('training needs at least two enabled intents with examples');
  const { serialized, trainMs, judged } = await cachedTraining(set, cacheDir);
  const classifier = deserializeModel(serialized);
  return {
    classifier,
    serialized,
    metrics: {
      examples: examples.length,
      intents: set.intents,
      trainMs: Math.round(trainMs),
      foldAccuracy: judged.length ? judged.filter((j) => j.correct).length / judged.length : 0,
      foldExamples: judged.length,
      answerThreshold: answerThresholdOf(judged),
      suggestThreshold: classifier.threshold,
      fingerprint: set.fingerprint,
    },
  };
}
