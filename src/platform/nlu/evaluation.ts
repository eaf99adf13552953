/**
 * Train on one set, predict another, and report what `bot eval` and the benchmark print:
 * quality figures (metrics.ts), training time and per-message prediction latency.
 */
import { IntentClassifier, type TrainOptions } from './classifier.js';
import { evaluate, percentile, type EvalMetrics, type Judged } from './metrics.js';
import { seededRandom, shuffle } from './random.js';
import { OUT_OF_SCOPE, type Example } from './types.js';

export interface EvalReport extends EvalMetrics {
  intents: number;
  trainExamples: number;
  trainMs: number;
  predictP50Ms: number;
  predictP99Ms: number;
}

/** `shots` examples per intent, drawn with the seed (all of an intent's when it has fewer). */
export function sampleShots(examples: readonly Example[], shots: number, seed: number): Example[] {
  const byIntent = new Map<string, Example[]>();
  for (const e of examples) {
    const list = byIntent.get(e.intent) ?? [];
    list.push(e);
    byIntent.set(e.intent, list);
  }
  const random = seededRandom(seed);
  const out: Example[] = [];
  for (const intent of [...byIntent.keys()].sort()) out.push(...shuffle([...(byIntent.get(intent) as Example[])], random).slice(0, shots));
  return out;
}

/** `latencies`, when given, receives every prediction's time in ms (to pool several runs). */
export function trainAndEvaluate(train: readonly Example[], test: readonly Example[], options: Partial<TrainOptions> = {}, latencies?: number[]): EvalReport {
  const t0 = performance.now();
  const model = IntentClassifier.train(train, options);
  const trainMs = performance.now() - t0;
  const report = evaluateModel(model, test, latencies);
  return { ...report, trainExamples: train.length, trainMs };
}

export function evaluateModel(model: IntentClassifier, test: readonly Example[], pooled?: number[]): Omit<EvalReport, 'trainExamples' | 'trainMs'> {
  // The out-of-scope verdict counts only where the test data can judge it.
  const judgesOutOfScope = test.some((e) => e.intent === OUT_OF_SCOPE);
  for (const e of test.slice(0, 200)) model.predict(e.text); // warm-up: JIT, caches
  // Training leaves much garbage; when the runtime exposes gc (the benchmark does), collect it
  // now rather than inside the timed predictions.
  (globalThis as { gc?: () => void }).gc?.();
  const latencies: number[] = [];
  const judged: Judged[] = test.map((e) => {
    const t = performance.now();
    const p = model.predict(e.text);
    latencies.push(performance.now() - t);
    const predicted = judgesOutOfScope && p.outOfScope ? OUT_OF_SCOPE : p.intent;
    return { gold: e.intent, predicted, confidence: p.confidence };
  });
  pooled?.push(...latencies);
  latencies.sort((a, b) => a - b);
  return {
    ...evaluate(judged),
    intents: model.intents.length,
    predictP50Ms: percentile(latencies, 50),
    predictP99Ms: percentile(latencies, 99),
  };
}
