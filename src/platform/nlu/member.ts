/**
 * One view of the ensemble: a vectorizer and the linear model trained on its vectors, with the
 * weights quantised to int8 per feature row (a quarter of the size, and the model in memory is
 * exactly the one a serialised copy restores).
 */
import { DEFAULT_DENSE, DenseView, type DenseOptions } from './dense.js';
import { DEFAULT_FEATURES, Vectorizer, type FeatureOptions } from './features.js';
import { DEFAULT_SVM, trainOneVsRest, type SvmOptions } from './linear.js';

export interface MemberSpec {
  features: Partial<FeatureOptions>;
  svm?: Partial<SvmOptions>;
  /** The learned word-vector view (dense.ts); weight 0 leaves it out. */
  dense?: Partial<DenseOptions>;
  /** Multiplies this member's scores in the ensemble sum. */
  weight?: number;
}

export class Member {
  constructor(
    readonly vectorizer: Vectorizer,
    readonly classes: number,
    /** dimensions × classes, feature-major. */
    readonly weights: Int8Array,
    /** One dequantisation scale per feature row. */
    readonly scales: Float32Array,
    readonly bias: Float32Array,
    readonly weight: number,
  ) {}

  static train(
    texts: readonly string[],
    labels: Int32Array,
    classes: number,
    spec: MemberSpec,
    seed: number,
    sampleWeights?: Float32Array,
    unlabeled: readonly string[] = [],
  ): Member {
    const denseOptions = { ...DEFAULT_DENSE, ...spec.dense, seed };
    const dense = denseOptions.weight > 0 ? DenseView.fit(texts, unlabeled, denseOptions) : undefined;
    const { vectorizer, rows } = Vectorizer.fitTransform(texts, { ...DEFAULT_FEATURES, ...spec.features }, dense);
    const d = vectorizer.dimensions;
    const raw = trainOneVsRest(rows, labels, classes, d, { ...DEFAULT_SVM, ...spec.svm, seed }, sampleWeights);
    const weights = new Int8Array(d * classes);
    const scales = new Float32Array(d);
    for (let j = 0; j < d; j++) {
      let max = 0;
      for (let c = 0; c < classes; c++) max = Math.max(max, Math.abs(raw[j * classes + c] as number));
      const scale = max / 127;
      scales[j] = scale;
      if (scale === 0) continue;
      for (let c = 0; c < classes; c++) weights[j * classes + c] = Math.round((raw[j * classes + c] as number) / scale);
    }
    return new Member(vectorizer, classes, weights, scales, raw.slice(d * classes), spec.weight ?? 1);
  }

  /** Share of the last text's features this member's vocabulary knew. */
  knownShare = 0;

  /** Adds this member's weighted scores for `text` to `scores`. */
  addScores(text: string, scores: Float32Array): void {
    const vectorizer = this.vectorizer;
    const count = vectorizer.vectorize(text);
    this.knownShare = vectorizer.lastKnownShare;
    const columns = vectorizer.columns;
    const values = vectorizer.values;
    const classes = this.classes;
    const m = this.weight;
    for (let c = 0; c < classes; c++) scores[c] = (scores[c] as number) + m * (this.bias[c] as number);
    for (let k = 0; k < count; k++) {
      const j = columns[k] as number;
      const v = m * (values[k] as number) * (this.scales[j] as number);
      const base = j * classes;
      for (let c = 0; c < classes; c++) scores[c] = (scores[c] as number) + (this.weights[base + c] as number) * v;
    }
  }
}
