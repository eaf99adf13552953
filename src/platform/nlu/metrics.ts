/**
 * Evaluation figures for `bot eval` and the benchmark. A prediction counts as the label it would
 * act on: `oos` when the model says out of scope and the test data knows that label, else its
 * best intent.
 */
import { OUT_OF_SCOPE } from './types.js';

export interface Judged {
  gold: string;
  /** What the bot would act on. */
  predicted: string;
  confidence: number;
}

export interface EvalMetrics {
  examples: number;
  accuracy: number;
  macroF1: number;
  /** Share of the test set answered, most confident first, while precision stays ≥ 95 %. */
  coverageAt95: number;
  /** Only when the test set has out-of-scope examples. */
  outOfScopeRecall?: number;
  inScopeAccuracy?: number;
}

export function evaluate(judged: readonly Judged[]): EvalMetrics {
  const n = judged.length;
  let correct = 0;
  const tp = new Map<string, number>();
  const goldCount = new Map<string, number>();
  const predictedCount = new Map<string, number>();
  for (const j of judged) {
    goldCount.set(j.gold, (goldCount.get(j.gold) ?? 0) + 1);
    predictedCount.set(j.predicted, (predictedCount.get(j.predicted) ?? 0) + 1);
    if (j.gold === j.predicted) {
      correct++;
      tp.set(j.gold, (tp.get(j.gold) ?? 0) + 1);
    }
  }
  let f1Sum = 0;
  for (const [label, count] of goldCount) {
    const t = tp.get(label) ?? 0;
    const precision = t / Math.max(1, predictedCount.get(label) ?? 0);
    const recall = t / count;
    f1Sum += precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  }
  const metrics: EvalMetrics = {
    examples: n,
    accuracy: n ? correct / n : 0,
    macroF1: goldCount.size ? f1Sum / goldCount.size : 0,
    coverageAt95: coverageAtPrecision(judged, 0.95),
  };
  const oos = judged.filter((j) => j.gold === OUT_OF_SCOPE);
  if (oos.length > 0) {
    const inScope = judged.filter((j) => j.gold !== OUT_OF_SCOPE);
    metrics.outOfScopeRecall = oos.filter((j) => j.predicted === OUT_OF_SCOPE).length / oos.length;
    metrics.inScopeAccuracy = inScope.length ? inScope.filter((j) => j.predicted === j.gold).length / inScope.length : 0;
  }
  return metrics;
}

/**
 * The largest share of examples that, taken in order of falling confidence, are right at least
 * `precision` of the time. Ties in confidence are taken together.
 */
export function coverageAtPrecision(judged: readonly Judged[], precision: number): number {
  const sorted = [...judged].sort((a, b) => b.confidence - a.confidence);
  let right = 0;
  let best = 0;
  for (let k = 0; k < sorted.length; k++) {
    const j = sorted[k] as Judged;
    if (j.gold === j.predicted) right++;
    const next = sorted[k + 1];
    if (next && next.confidence === j.confidence) continue;
    if (right / (k + 1) >= precision) best = k + 1;
  }
  return sorted.length ? best / sorted.length : 0;
}

/** The value at percentile `p` (0–100) of ascending `sorted`. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}
