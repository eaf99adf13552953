/**
 * Turning raw linear scores into usable confidences: a softmax temperature fitted on
 * out-of-fold scores (so confidences mean "probability of being right"), and the threshold under
 * which the bot says it does not know.
 */

/** Softmax of `scores × temperature` into `out`; returns the index of the best class. */
export function softmaxInto(scores: ArrayLike<number>, temperature: number, out: Float64Array, classes: number): number {
  let best = 0;
  for (let c = 1; c < classes; c++) if ((scores[c] as number) > (scores[best] as number)) best = c;
  const top = scores[best] as number;
  let sum = 0;
  for (let c = 0; c < classes; c++) {
    const e = Math.exp(((scores[c] as number) - top) * temperature);
    out[c] = e;
    sum += e;
  }
  for (let c = 0; c < classes; c++) out[c] = (out[c] as number) / sum;
  return best;
}

/** Mean negative log-likelihood of the gold classes at a temperature. */
function nll(scores: readonly Float32Array[], gold: Int32Array, temperature: number, classes: number): number {
  const p = new Float64Array(classes);
  let total = 0;
  for (let i = 0; i < scores.length; i++) {
    softmaxInto(scores[i] as Float32Array, temperature, p, classes);
    total -= Math.log(Math.max(p[gold[i] as number] as number, 1e-12));
  }
  return total / Math.max(1, scores.length);
}

/** The temperature minimising held-out NLL (golden-section search on a log scale). */
export function fitTemperature(scores: readonly Float32Array[], gold: Int32Array, classes: number): number {
  if (scores.length === 0) return 1;
  let lo = Math.log(0.05);
  let hi = Math.log(200);
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = nll(scores, gold, Math.exp(a), classes);
  let fb = nll(scores, gold, Math.exp(b), classes);
  for (let k = 0; k < 40; k++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - phi * (hi - lo);
      fa = nll(scores, gold, Math.exp(a), classes);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + phi * (hi - lo);
      fb = nll(scores, gold, Math.exp(b), classes);
    }
  }
  return Math.exp((lo + hi) / 2);
}

export interface HeldOut {
  confidence: number;
  /** The prediction was the gold intent (an in-scope one). */
  correct: boolean;
}

/**
 * The confidence under which only `rejectShare` of the correct held-out answers fall: the bot
 * rarely refuses what it knows, while gibberish and unrelated questions, whose scores are flat,
 * fall below it. (Trained `oos` examples are a class of their own on top of this.)
 */
export function fitThreshold(heldOut: readonly HeldOut[], rejectShare: number): number {
  const correct = heldOut.filter((h) => h.correct).map((h) => h.confidence).sort((a, b) => a - b);
  return correct[Math.floor(correct.length * rejectShare)] ?? 0;
}
