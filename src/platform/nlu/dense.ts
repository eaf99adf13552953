/**
 * The dense view: a text as the idf-weighted mean of its terms' learned word vectors
 * (embedding.ts), L2-normalised and weighted. Appended to the sparse TF-IDF views, it lets the
 * linear model credit words that are used like an intent's words without being among them.
 * Vectors are quantised to int8 per term as soon as they are learned, so the trained model and a
 * serialised copy compute the very same numbers.
 */
import { DEFAULT_EMBEDDING, learnWordVectors, type EmbeddingOptions } from './embedding.js';
import { hashTerms } from './features.js';

export interface DenseOptions extends EmbeddingOptions {
  /** Norm of the dense part of every vector (0: no dense view). */
  weight: number;
}

export const DEFAULT_DENSE: DenseOptions = { ...DEFAULT_EMBEDDING, dimensions: 200, weight: 1 };

export class DenseView {
  private readonly rowOf = new Map<number, number>();
  private readonly sum: Float64Array;

  constructor(
    readonly weight: number,
    readonly dimensions: number,
    readonly hashes: Uint32Array,
    /** terms × dimensions, int8, one scale per term. */
    readonly vectors: Int8Array,
    readonly scales: Float32Array,
    /** Each term's weight in a text's mean: its idf in the labelled examples. */
    readonly termWeights: Float32Array,
  ) {
    for (let i = 0; i < hashes.length; i++) this.rowOf.set(hashes[i] as number, i);
    this.sum = new Float64Array(dimensions);
  }

  /** Word vectors from the examples and any unlabelled text; term weights from the examples only. */
  static fit(texts: readonly string[], unlabeled: readonly string[], options: DenseOptions): DenseView {
    const wv = learnWordVectors([...texts, ...unlabeled], options);
    const d = wv.dimensions;
    const df = new Map<number, number>();
    for (const text of texts) for (const h of new Set(hashTerms(text))) df.set(h, (df.get(h) ?? 0) + 1);
    const n = wv.hashes.length;
    const vectors = new Int8Array(n * d);
    const scales = new Float32Array(n);
    const termWeights = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      let max = 0;
      for (let j = 0; j < d; j++) max = Math.max(max, Math.abs(wv.vectors[i * d + j] as number));
      scales[i] = max / 127;
      if (max > 0) for (let j = 0; j < d; j++) vectors[i * d + j] = Math.round(((wv.vectors[i * d + j] as number) / max) * 127);
      termWeights[i] = Math.log((1 + texts.length) / (1 + (df.get(wv.hashes[i] as number) ?? 0))) + 1;
    }
    return new DenseView(options.weight, d, wv.hashes, vectors, scales, termWeights);
  }

  /**
   * Writes the dense vector of a text's terms (features.ts `hashTerms`) into `values` at `offset` (columns `base`…) and returns how many
   * entries it wrote: `dimensions`, or 0 when the view knows none of the text's terms.
   */
  embed(terms: readonly number[], base: number, columns: Int32Array, values: Float32Array, offset: number): number {
    const d = this.dimensions;
    const sum = this.sum;
    sum.fill(0);
    let any = false;
    for (let t = 0; t < terms.length; t++) {
      const i = this.rowOf.get(terms[t] as number);
      if (i === undefined) continue;
      any = true;
      const w = (this.termWeights[i] as number) * (this.scales[i] as number);
      for (let j = 0; j < d; j++) sum[j] = (sum[j] as number) + w * (this.vectors[i * d + j] as number);
    }
    let norm = 0;
    for (let j = 0; j < d; j++) norm += (sum[j] as number) ** 2;
    if (!any || norm === 0) return 0;
    const scale = this.weight / Math.sqrt(norm);
    for (let j = 0; j < d; j++) {
      columns[offset + j] = base + j;
      values[offset + j] = (sum[j] as number) * scale;
    }
    return d;
  }
}
