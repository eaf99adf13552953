/**
 * Text → sparse TF-IDF vectors in two views: words (uni/bigrams of the search tokenizer's terms:
 * Han bigrams, Korean words minus particles, stemmed English) and character n-grams of the folded
 * text (robust to typos, inflection and unsegmented scripts). Features are 32-bit hashes of the
 * n-grams mapped to columns by a vocabulary learned at training time, so the model stores numbers,
 * not strings, and character n-grams are hashed in place rather than cut out as substrings.
 */
import { normalize } from '../search/normalize.js';
import { scanTokens } from '../search/tokenize.js';
import type { DenseView } from './dense.js';

export interface FeatureOptions {
  /** Longest word n-gram (1–3). */
  wordNgrams: number;
  charMin: number;
  charMax: number;
  /** Weight of each view after its own L2 normalisation. */
  wordWeight: number;
  charWeight: number;
  /** Columns seen in fewer training texts are dropped. */
  minDf: number;
}

export const DEFAULT_FEATURES: FeatureOptions = { wordNgrams: 2, charMin: 1, charMax: 5, wordWeight: 0.7, charWeight: 1, minDf: 1 };

export const VIEW_WORD = 0;
export const VIEW_CHAR = 1;
const MAX_CHARS = 2000;

const FNV_OFFSET = 0x811c9dc5;
const mix = (h: number, v: number): number => Math.imul(h ^ v, 0x01000193) >>> 0;

function hashString(s: string, seed: number): number {
  let h = (FNV_OFFSET ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) h = mix(h, s.charCodeAt(i));
  return h;
}

export type HashSink = (hash: number, view: number) => void;

const wordCharCache = new Map<number, boolean>();
function isWordChar(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x61 && cp <= 0x7a);
  let known = wordCharCache.get(cp);
  if (known === undefined) {
    known = /[\p{L}\p{N}]/u.test(String.fromCodePoint(cp));
    if (wordCharCache.size < 65_536) wordCharCache.set(cp, known);
  }
  return known;
}

// Scratch buffers reused by every call: extraction runs millions of times while training.
let codePoints = new Int32Array(256);
const termHashes: number[] = [];

/** The hashed terms of a text in order (the word view's unigrams; the dense view's words). */
export function hashTerms(text: string): number[] {
  const out: number[] = [];
  scanTokens(text, (term) => out.push(hashString(term, 1)), MAX_CHARS);
  return out;
}

/** Streams the hashed features of `text` (duplicates included) to `sink`. */
export function extractFeatures(text: string, options: FeatureOptions, sink: HashSink): void {
  termHashes.length = 0;
  scanTokens(text, (term) => termHashes.push(hashString(term, 1)), MAX_CHARS);
  for (let i = 0; i < termHashes.length; i++) {
    const h = termHashes[i] as number;
    sink(h, VIEW_WORD);
    let g = h;
    for (let n = 2; n <= options.wordNgrams && i + n - 1 < termHashes.length; n++) {
      g = mix(mix(g, 0x5bd1e995 + n), termHashes[i + n - 1] as number);
      sink(g, VIEW_WORD);
    }
  }
  if (options.charMax < options.charMin || options.charWeight === 0) return;
  // Folded text with every run of non-word characters as one space, padded at both ends.
  const folded = normalize(text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text);
  if (codePoints.length < folded.length + 2) codePoints = new Int32Array(folded.length * 2 + 2);
  let n = 0;
  codePoints[n++] = 0x20;
  for (const ch of folded) {
    const cp = ch.codePointAt(0) ?? 0x20;
    if (isWordChar(cp)) codePoints[n++] = cp;
    else if (codePoints[n - 1] !== 0x20) codePoints[n++] = 0x20;
  }
  if (codePoints[n - 1] !== 0x20) codePoints[n++] = 0x20;
  for (let start = 0; start < n; start++) {
    let h = (FNV_OFFSET ^ 0x2545f491) >>> 0;
    for (let len = 1; len <= options.charMax && start + len <= n; len++) {
      h = mix(h, codePoints[start + len - 1] as number);
      // A lone space says nothing: every text has it.
      if (len >= options.charMin && (len > 1 || codePoints[start] !== 0x20)) sink(mix(h, len), VIEW_CHAR);
    }
  }
}

/** A sparse matrix in compressed rows. */
export interface SparseRows {
  rowStart: Int32Array;
  columns: Int32Array;
  values: Float32Array;
}

/** The learned vocabulary: hash → column, each column's view and inverse document frequency. */
export class Vectorizer {
  private readonly columnOf = new Map<number, number>();

  constructor(
    readonly options: FeatureOptions,
    readonly hashes: Uint32Array,
    readonly views: Uint8Array,
    readonly idf: Float32Array,
    /** Learned word vectors, appended after the sparse columns (dense.ts). */
    readonly dense?: DenseView,
  ) {
    for (let j = 0; j < hashes.length; j++) this.columnOf.set(hashes[j] as number, j);
  }

  get dimensions(): number {
    return this.hashes.length + (this.dense?.dimensions ?? 0);
  }

  static fit(texts: readonly string[], options: FeatureOptions, dense?: DenseView): Vectorizer {
    return Vectorizer.fitTransform(texts, options, dense).vectorizer;
  }

  /** Learns the vocabulary and vectorises the same texts, extracting each text's features once. */
  static fitTransform(texts: readonly string[], options: FeatureOptions, dense?: DenseView): { vectorizer: Vectorizer; rows: SparseRows } {
    const df = new Map<number, number>();
    const viewOf = new Map<number, number>();
    const perText: { hashes: Uint32Array; counts: Uint16Array }[] = [];
    const counts = new Map<number, number>();
    for (const text of texts) {
      counts.clear();
      extractFeatures(text, options, (h, view) => {
        const seen = counts.get(h);
        counts.set(h, (seen ?? 0) + 1);
        if (seen === undefined) {
          df.set(h, (df.get(h) ?? 0) + 1);
          viewOf.set(h, view);
        }
      });
      perText.push({ hashes: Uint32Array.from(counts.keys()), counts: Uint16Array.from(counts.values(), (c) => Math.min(c, 65_535)) });
    }
    const kept = [...df.entries()].filter(([, count]) => count >= options.minDf).sort((a, b) => a[0] - b[0]);
    const hashes = new Uint32Array(kept.length);
    const views = new Uint8Array(kept.length);
    const idf = new Float32Array(kept.length);
    const n = texts.length;
    kept.forEach(([h, count], j) => {
      hashes[j] = h;
      views[j] = viewOf.get(h) ?? 0;
      idf[j] = Math.log((1 + n) / (1 + count)) + 1;
    });
    const vectorizer = new Vectorizer(options, hashes, views, idf, dense);
    const rowStart = new Int32Array(n + 1);
    let total = 0;
    for (const t of perText) total += t.hashes.length + (dense?.dimensions ?? 0);
    const columns = new Int32Array(total);
    const values = new Float32Array(total);
    let k = 0;
    perText.forEach((t, i) => {
      counts.clear();
      t.hashes.forEach((h, q) => {
        const j = vectorizer.columnOf.get(h);
        if (j !== undefined) counts.set(j, t.counts[q] as number);
      });
      k += vectorizer.weigh(counts, columns.subarray(k), values.subarray(k));
      if (dense) k += dense.embed(hashTerms(texts[i] as string), hashes.length, columns, values, k);
      rowStart[i + 1] = k;
    });
    return { vectorizer, rows: { rowStart, columns: columns.slice(0, k), values: values.slice(0, k) } };
  }

  /** The last vector `vectorize` produced: `size` entries of `columns`/`values` (scratch, reused). */
  columns = new Int32Array(256);
  values = new Float32Array(256);
  private readonly counts = new Map<number, number>();

  /**
   * Sublinear tf × idf, each view L2-normalised and weighted, into `columns`/`values`; returns
   * the number of entries. Allocates only when a text has more known features than any before.
   */
  vectorize(text: string): number {
    const counts = this.counts;
    counts.clear();
    let seen = 0;
    let known = 0;
    extractFeatures(text, this.options, (h) => {
      seen++;
      const j = this.columnOf.get(h);
      if (j === undefined) return;
      known++;
      counts.set(j, (counts.get(j) ?? 0) + 1);
    });
    this.lastKnownShare = seen ? known / seen : 0;
    const needed = counts.size + (this.dense?.dimensions ?? 0);
    if (needed > this.columns.length) {
      this.columns = new Int32Array(needed * 2);
      this.values = new Float32Array(needed * 2);
    }
    const k = this.weigh(counts, this.columns, this.values);
    // extractFeatures left the text's terms in its scratch list: no second tokenization.
    return this.dense ? k + this.dense.embed(termHashes, this.hashes.length, this.columns, this.values, k) : k;
  }

  /** Of the features of the text last transformed, the share the vocabulary knows (gibberish: few). */
  lastKnownShare = 0;

  /** column → term frequency into weighted, normalised entries; returns how many it wrote. */
  private weigh(counts: Map<number, number>, columns: Int32Array, values: Float32Array): number {
    let k = 0;
    let wordNorm = 0;
    let charNorm = 0;
    for (const [j, tf] of counts) {
      const v = (1 + Math.log(tf)) * (this.idf[j] as number);
      columns[k] = j;
      values[k] = v;
      if (this.views[j] === VIEW_WORD) wordNorm += v * v;
      else charNorm += v * v;
      k++;
    }
    const wordScale = wordNorm ? this.options.wordWeight / Math.sqrt(wordNorm) : 0;
    const charScale = charNorm ? this.options.charWeight / Math.sqrt(charNorm) : 0;
    for (let i = 0; i < k; i++) values[i] = (values[i] as number) * (this.views[columns[i] as number] === VIEW_WORD ? wordScale : charScale);
    return k;
  }

  transform(texts: readonly string[]): SparseRows {
    const rowStart = new Int32Array(texts.length + 1);
    const columns: number[] = [];
    const values: number[] = [];
    texts.forEach((text, i) => {
      const k = this.vectorize(text);
      for (let t = 0; t < k; t++) {
        columns.push(this.columns[t] as number);
        values.push(this.values[t] as number);
      }
      rowStart[i + 1] = columns.length;
    });
    return { rowStart, columns: Int32Array.from(columns), values: Float32Array.from(values) };
  }
}
