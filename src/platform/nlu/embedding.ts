/**
 * Word vectors learned from the texts the classifier is given (labelled examples, and unlabelled
 * text when there is some): positive PMI of terms co-occurring within a few positions, reduced to
 * `dimensions` by a randomised truncated SVD (Halko et al. 2011). Terms that appear in similar
 * company get similar vectors, so a message can match an intent through words none of its
 * examples used — what a lexical view cannot do. Deterministic for a seed; no outside data.
 */
import { hashTerms } from './features.js';
import { seededRandom } from './random.js';

export interface EmbeddingOptions {
  dimensions: number;
  /** Terms up to this many positions apart co-occur (weighted 1 / distance). */
  window: number;
  /** Terms seen in fewer texts get no vector. */
  minCount: number;
  /** Context-distribution smoothing of PMI (Levy et al. 2015). */
  alpha: number;
  /** Singular values to this power weigh the vectors (0: none, 0.5: symmetric). */
  eigenPower: number;
  seed: number;
}

export const DEFAULT_EMBEDDING: EmbeddingOptions = { dimensions: 100, window: 4, minCount: 2, alpha: 0.75, eigenPower: 0.5, seed: 1 };

/** Sparse symmetric-shaped matrix in compressed rows (Float64 values). */
interface Csr {
  n: number;
  rowStart: Int32Array;
  columns: Int32Array;
  values: Float64Array;
}

/** term hash → row of `vectors` (terms × dimensions, row-major). */
export interface WordVectors {
  hashes: Uint32Array;
  vectors: Float32Array;
  dimensions: number;
}

export function learnWordVectors(texts: readonly string[], options: EmbeddingOptions): WordVectors {
  const docs = texts.map(hashTerms);
  const df = new Map<number, number>();
  for (const doc of docs) for (const h of new Set(doc)) df.set(h, (df.get(h) ?? 0) + 1);
  const kept = [...df.entries()].filter(([, c]) => c >= options.minCount).map(([h]) => h).sort((a, b) => a - b);
  const index = new Map(kept.map((h, i) => [h, i]));
  const n = kept.length;
  const k = Math.min(options.dimensions, Math.max(1, n - 1));
  if (n < 2) return { hashes: Uint32Array.from(kept), vectors: new Float32Array(n * k), dimensions: k };
  const ppmi = pmiMatrix(docs, index, options);
  const { u, s } = truncatedSvd(ppmi, k, seededRandom(options.seed));
  const vectors = new Float32Array(n * k);
  for (let j = 0; j < k; j++) {
    const scale = Math.pow(Math.max(s[j] as number, 0), options.eigenPower);
    const col = u[j] as Float64Array;
    for (let i = 0; i < n; i++) vectors[i * k + j] = (col[i] as number) * scale;
  }
  return { hashes: Uint32Array.from(kept), vectors, dimensions: k };
}

function pmiMatrix(docs: number[][], index: Map<number, number>, o: EmbeddingOptions): Csr {
  const n = index.size;
  const pairs = new Map<number, number>(); // i * n + j → weight (n² < 2^53 for any vocabulary here)
  for (const doc of docs) {
    const ids = doc.map((h) => index.get(h) ?? -1);
    for (let a = 0; a < ids.length; a++) {
      const i = ids[a] as number;
      if (i < 0) continue;
      for (let b = a + 1; b <= a + o.window && b < ids.length; b++) {
        const j = ids[b] as number;
        if (j < 0 || j === i) continue;
        const w = 1 / (b - a);
        pairs.set(i * n + j, (pairs.get(i * n + j) ?? 0) + w);
        pairs.set(j * n + i, (pairs.get(j * n + i) ?? 0) + w);
      }
    }
  }
  const row = new Float64Array(n);
  const ctx = new Float64Array(n);
  for (const [key, w] of pairs) {
    const i = Math.floor(key / n);
    row[i] = (row[i] as number) + w;
    ctx[key - i * n] = (ctx[key - i * n] as number) + w;
  }
  let ctxTotal = 0;
  for (let j = 0; j < n; j++) ctxTotal += Math.pow(ctx[j] as number, o.alpha);
  const entries = [...pairs.entries()].sort((a, b) => a[0] - b[0]);
  const rowStart = new Int32Array(n + 1);
  const columns: number[] = [];
  const values: number[] = [];
  for (const [key, w] of entries) {
    const i = Math.floor(key / n);
    const j = key - i * n;
    const pmi = Math.log((w * ctxTotal) / ((row[i] as number) * Math.pow(ctx[j] as number, o.alpha)));
    if (pmi <= 0) continue;
    columns.push(j);
    values.push(pmi);
    rowStart[i + 1] = columns.length;
  }
  for (let i = 1; i <= n; i++) if ((rowStart[i] as number) < (rowStart[i - 1] as number)) rowStart[i] = rowStart[i - 1] as number;
  return { n, rowStart, columns: Int32Array.from(columns), values: Float64Array.from(values) };
}

/** out[c] = M · x[c] (or Mᵀ · x[c]) for each column vector x[c]. */
function multiply(m: Csr, x: readonly Float64Array[], transpose: boolean): Float64Array<ArrayBuffer>[] {
  const out = x.map(() => new Float64Array(m.n));
  for (let i = 0; i < m.n; i++) {
    for (let k = m.rowStart[i] as number; k < (m.rowStart[i + 1] as number); k++) {
      const j = m.columns[k] as number;
      const v = m.values[k] as number;
      const to = transpose ? j : i;
      const from = transpose ? i : j;
      for (let c = 0; c < x.length; c++) {
        const o = out[c] as Float64Array;
        o[to] = (o[to] as number) + v * ((x[c] as Float64Array)[from] as number);
      }
    }
  }
  return out;
}

/** Modified Gram–Schmidt in place; a column that vanishes is left at zero. */
function orthonormalize(cols: readonly Float64Array[]): void {
  for (let a = 0; a < cols.length; a++) {
    const ca = cols[a] as Float64Array;
    for (let b = 0; b < a; b++) {
      const cb = cols[b] as Float64Array;
      let dot = 0;
      for (let i = 0; i < ca.length; i++) dot += (ca[i] as number) * (cb[i] as number);
      for (let i = 0; i < ca.length; i++) ca[i] = (ca[i] as number) - dot * (cb[i] as number);
    }
    let norm = 0;
    for (let i = 0; i < ca.length; i++) norm += (ca[i] as number) ** 2;
    norm = Math.sqrt(norm);
    for (let i = 0; i < ca.length; i++) ca[i] = norm > 1e-10 ? (ca[i] as number) / norm : 0;
  }
}

/** Eigen-decomposition of a symmetric matrix (row-major, size l) by cyclic Jacobi rotations. */
export function symmetricEigen(a: Float64Array, l: number): { values: Float64Array; vectors: Float64Array } {
  const v = new Float64Array(l * l);
  for (let i = 0; i < l; i++) v[i * l + i] = 1;
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let p = 0; p < l; p++) for (let q = p + 1; q < l; q++) off += (a[p * l + q] as number) ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < l; p++) {
      for (let q = p + 1; q < l; q++) {
        const apq = a[p * l + q] as number;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = ((a[q * l + q] as number) - (a[p * l + p] as number)) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < l; k++) {
          const akp = a[k * l + p] as number;
          const akq = a[k * l + q] as number;
          a[k * l + p] = c * akp - s * akq;
          a[k * l + q] = s * akp + c * akq;
        }
        for (let k = 0; k < l; k++) {
          const apk = a[p * l + k] as number;
          const aqk = a[q * l + k] as number;
          a[p * l + k] = c * apk - s * aqk;
          a[q * l + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < l; k++) {
          const vkp = v[k * l + p] as number;
          const vkq = v[k * l + q] as number;
          v[k * l + p] = c * vkp - s * vkq;
          v[k * l + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(l);
  for (let i = 0; i < l; i++) values[i] = a[i * l + i] as number;
  return { values, vectors: v };
}

/** The k leading left singular vectors and values of M (randomised range finder, 2 power iterations). */
export function truncatedSvd(m: Csr, k: number, random: () => number): { u: Float64Array[]; s: Float64Array } {
  const l = Math.min(m.n, k + 10);
  const gaussian = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  let q = Array.from({ length: l }, () => Float64Array.from({ length: m.n }, gaussian));
  q = multiply(m, q, false);
  orthonormalize(q);
  for (let it = 0; it < 2; it++) {
    const z = multiply(m, q, true);
    orthonormalize(z);
    q = multiply(m, z, false);
    orthonormalize(q);
  }
  // B = Qᵀ M (l × n) as its transpose Mᵀ Q; then B Bᵀ = W Λ Wᵀ gives U = Q W, σ = √λ.
  const bt = multiply(m, q, true);
  const gram = new Float64Array(l * l);
  for (let a = 0; a < l; a++) {
    for (let b = a; b < l; b++) {
      let dot = 0;
      const x = bt[a] as Float64Array;
      const y = bt[b] as Float64Array;
      for (let i = 0; i < m.n; i++) dot += (x[i] as number) * (y[i] as number);
      gram[a * l + b] = dot;
      gram[b * l + a] = dot;
    }
  }
  const { values, vectors } = symmetricEigen(gram, l);
  const order = Array.from({ length: l }, (_, i) => i).sort((a, b) => (values[b] as number) - (values[a] as number) || a - b);
  const u: Float64Array[] = [];
  const s = new Float64Array(k);
  for (let r = 0; r < k; r++) {
    const e = order[r] as number;
    s[r] = Math.sqrt(Math.max(values[e] as number, 0));
    const col = new Float64Array(m.n);
    for (let a = 0; a < l; a++) {
      const w = vectors[a * l + e] as number;
      const qa = q[a] as Float64Array;
      for (let i = 0; i < m.n; i++) col[i] = (col[i] as number) + w * (qa[i] as number);
    }
    u.push(col);
  }
  return { u, s };
}
