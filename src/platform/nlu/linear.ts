/**
 * One-vs-rest linear SVM (squared hinge loss, L2 regularisation) trained by dual coordinate
 * descent — LIBLINEAR's solver 1 (Hsieh et al. 2008): no learning rate, converges in a few dozen
 * passes over sparse rows, deterministic for a given seed.
 */
import type { SparseRows } from './features.js';
import { seededRandom } from './random.js';

export interface SvmOptions {
  /** Cost of a margin violation; larger fits the training data more closely. */
  c: number;
  /** Passes over the data at most. */
  maxEpochs: number;
  /** Stop when the projected gradient spread falls below this. */
  tolerance: number;
  /** Constant feature for the intercept. */
  bias: number;
  seed: number;
}

export const DEFAULT_SVM: SvmOptions = { c: 1, maxEpochs: 100, tolerance: 0.1, bias: 1, seed: 1 };

/**
 * Trains one binary model per class on `rows` (labels are class numbers). Returns weights in
 * feature-major order, `(dimensions + 1) × classes` with the bias row last, so scoring a sparse
 * vector reads contiguous memory.
 */
export function trainOneVsRest(
  rows: SparseRows,
  labels: Int32Array,
  classes: number,
  dimensions: number,
  options: SvmOptions,
  sampleWeights?: Float32Array,
): Float32Array {
  const n = labels.length;
  const { rowStart, columns, values } = rows;
  const sqNorm = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = options.bias * options.bias;
    for (let k = rowStart[i] as number; k < (rowStart[i + 1] as number); k++) s += (values[k] as number) ** 2;
    sqNorm[i] = s;
  }
  const out = new Float32Array((dimensions + 1) * classes);
  const w = new Float64Array(dimensions + 1);
  const alpha = new Float64Array(n);
  const order = Array.from({ length: n }, (_, i) => i);
  const random = seededRandom(options.seed);
  for (let c = 0; c < classes; c++) {
    w.fill(0);
    alpha.fill(0);
    // LIBLINEAR's shrinking: an example at alpha = 0 whose gradient exceeds the last pass's largest
    // projected gradient is unlikely to move, so it leaves the active set until convergence is checked.
    let active = n;
    let pgMaxOld = Infinity;
    for (let epoch = 0; epoch < options.maxEpochs; epoch++) {
      let pgMax = -Infinity;
      let pgMin = Infinity;
      for (let s = 0; s < active; s++) {
        const r = s + Math.floor(random() * (active - s));
        const swap = order[s] as number;
        order[s] = order[r] as number;
        order[r] = swap;
      }
      for (let s = 0; s < active; s++) {
        const i = order[s] as number;
        const y = labels[i] === c ? 1 : -1;
        const diag = 0.5 / (options.c * (sampleWeights ? (sampleWeights[i] as number) : 1));
        let dot = (w[dimensions] as number) * options.bias;
        const end = rowStart[i + 1] as number;
        for (let k = rowStart[i] as number; k < end; k++) dot += (w[columns[k] as number] as number) * (values[k] as number);
        const a = alpha[i] as number;
        const g = y * dot - 1 + diag * a;
        let pg = g;
        if (a === 0) {
          if (g > pgMaxOld) {
            active--;
            order[s] = order[active] as number;
            order[active] = i;
            s--;
            continue;
          }
          pg = Math.min(g, 0);
        }
        if (pg > pgMax) pgMax = pg;
        if (pg < pgMin) pgMin = pg;
        if (Math.abs(pg) < 1e-12) continue;
        const next = Math.max(a - g / ((sqNorm[i] as number) + diag), 0);
        const delta = (next - a) * y;
        if (delta === 0) continue;
        alpha[i] = next;
        for (let k = rowStart[i] as number; k < end; k++) w[columns[k] as number] = (w[columns[k] as number] as number) + delta * (values[k] as number);
        w[dimensions] = (w[dimensions] as number) + delta * options.bias;
      }
      if (pgMax - pgMin <= options.tolerance) {
        if (active === n) break;
        active = n;
        pgMaxOld = Infinity;
        continue;
      }
      pgMaxOld = pgMax <= 0 ? Infinity : pgMax;
    }
    for (let j = 0; j < dimensions; j++) out[j * classes + c] = w[j] as number;
    out[dimensions * classes + c] = (w[dimensions] as number) * options.bias;
  }
  return out;
}

/** scores[c] = w_c · x + b_c for the sparse vector (columns, values, count). */
export function scoreInto(
  weights: Float32Array,
  classes: number,
  dimensions: number,
  columns: Int32Array,
  values: Float32Array,
  count: number,
  scores: Float32Array | Float64Array,
): void {
  const biasAt = dimensions * classes;
  for (let c = 0; c < classes; c++) scores[c] = weights[biasAt + c] as number;
  for (let k = 0; k < count; k++) {
    const base = (columns[k] as number) * classes;
    const v = values[k] as number;
    for (let c = 0; c < classes; c++) scores[c] = (scores[c] as number) + (weights[base + c] as number) * v;
  }
}
