/**
 * Growable postings: parallel typed arrays of doc numbers (ascending) and packed term
 * frequencies — 8 bytes a posting instead of an object per posting.
 */
export class PostingList {
  docs: Uint32Array;
  tfs: Uint32Array;
  length = 0;

  constructor(capacity = 2) {
    this.docs = new Uint32Array(capacity);
    this.tfs = new Uint32Array(capacity);
  }

  push(doc: number, tf: number): void {
    if (this.length === this.docs.length) {
      const capacity = this.length < 1024 ? this.length * 2 : Math.ceil(this.length * 1.5);
      const docs = new Uint32Array(capacity);
      docs.set(this.docs);
      const tfs = new Uint32Array(capacity);
      tfs.set(this.tfs);
      this.docs = docs;
      this.tfs = tfs;
    }
    this.docs[this.length] = doc;
    this.tfs[this.length] = tf;
    this.length++;
  }

  /** Drops removed docs and renumbers the rest; `remap[old]` is the new number or -1. */
  compact(remap: Int32Array): void {
    let w = 0;
    for (let r = 0; r < this.length; r++) {
      const next = remap[this.docs[r] ?? 0] ?? -1;
      if (next < 0) continue;
      this.docs[w] = next;
      this.tfs[w] = this.tfs[r] ?? 0;
      w++;
    }
    this.length = w;
    if (this.docs.length > Math.max(4, w * 2)) {
      this.docs = this.docs.slice(0, Math.max(2, w));
      this.tfs = this.tfs.slice(0, Math.max(2, w));
    }
  }
}

// Term frequency per field packed in one word: title 8 bits, tags 8 bits, body 16 bits.
export const packTf = (title: number, tags: number, body: number): number =>
  ((Math.min(title, 255) << 24) | (Math.min(tags, 255) << 16) | Math.min(body, 65_535)) >>> 0;
export const titleTf = (packed: number): number => packed >>> 24;
export const tagsTf = (packed: number): number => (packed >>> 16) & 0xff;
export const bodyTf = (packed: number): number => packed & 0xffff;

/** The best `limit` (score, doc) pairs seen, kept sorted best-first; fine for limit ≤ 100. */
export class TopK {
  readonly scores: number[] = [];
  readonly docs: number[] = [];

  constructor(readonly limit: number) {}

  offer(score: number, doc: number): void {
    const n = this.scores.length;
    if (n >= this.limit && score <= (this.scores[n - 1] ?? 0)) return;
    let i = n;
    while (i > 0 && (this.scores[i - 1] ?? 0) < score) i--;
    this.scores.splice(i, 0, score);
    this.docs.splice(i, 0, doc);
    if (this.scores.length > this.limit) {
      this.scores.pop();
      this.docs.pop();
    }
  }
}
