/**
 * Candidate generation for typos and prefixes that stays fast at 100k articles: a lazily
 * sorted list of surface words for prefix ranges, and a SymSpell-style deletion neighbourhood
 * (deletes of the first PREFIX characters) for edit distance 1–2, verified with a bounded
 * Damerau (optimal string alignment) distance.
 */

const DELETE_PREFIX = 7;
const MAX_DELETE_DISTANCE = 2;
const MAX_BUCKET = 512;

/** Edit distance allowed for a typed Latin word of this length. */
export function allowedDistance(length: number): number {
  if (length >= 8) return 2;
  if (length >= 4) return 1;
  return 0;
}

/** Optimal string alignment distance, or max + 1 as soon as it must exceed max. */
export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = a.length;
  const m = b.length;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m] ?? max + 1;
}

function deletes(word: string, distance: number, out: Set<string>): void {
  out.add(word);
  let frontier = [word];
  for (let d = 0; d < distance; d++) {
    const next: string[] = [];
    for (const w of frontier) {
      if (w.length <= 1) continue;
      for (let i = 0; i < w.length; i++) {
        const del = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(del)) {
          out.add(del);
          next.push(del);
        }
      }
    }
    frontier = next;
  }
}

export interface FuzzyCandidate {
  termId: number;
  distance: number;
}

/** Surface words (as typed in articles) mapped to their indexed term ids. */
export class WordDictionary {
  private readonly surfaceToTerm = new Map<string, number>();
  private sorted: string[] = [];
  private dirty = false;
  private readonly neighbourhood = new Map<string, number[]>();
  private readonly termsWithDeletes = new Set<number>();

  constructor(private readonly withTypos: boolean) {}

  get size(): number {
    return this.surfaceToTerm.size;
  }

  add(surface: string, termId: number): void {
    if (this.surfaceToTerm.has(surface)) return;
    this.surfaceToTerm.set(surface, termId);
    this.dirty = true;
  }

  /** Registers the deletes of a Latin term (its stem, which is what queries are stemmed to). */
  addTypoTerm(term: string, termId: number): void {
    if (!this.withTypos || term.length < 3 || this.termsWithDeletes.has(termId)) return;
    this.termsWithDeletes.add(termId);
    const keys = new Set<string>();
    deletes(term.slice(0, DELETE_PREFIX), MAX_DELETE_DISTANCE, keys);
    for (const key of keys) {
      const bucket = this.neighbourhood.get(key);
      if (!bucket) this.neighbourhood.set(key, [termId]);
      else if (bucket.length < MAX_BUCKET) bucket.push(termId);
    }
  }

  /** Term ids of surface words starting with `prefix`, at most `scanLimit` looked at. */
  prefixTerms(prefix: string, scanLimit: number): number[] {
    if (this.dirty) {
      this.sorted = [...this.surfaceToTerm.keys()].sort();
      this.dirty = false;
    }
    const words = this.sorted;
    let lo = 0;
    let hi = words.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((words[mid] ?? '') < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out = new Set<number>();
    for (let i = lo, seen = 0; i < words.length && seen < scanLimit; i++, seen++) {
      const w = words[i] ?? '';
      if (!w.startsWith(prefix)) break;
      const id = this.surfaceToTerm.get(w);
      if (id !== undefined) out.add(id);
    }
    return [...out];
  }

  /** Terms within the allowed edit distance of `term`; `termOf` resolves ids to strings. */
  typoTerms(term: string, termOf: (id: number) => string): FuzzyCandidate[] {
    const max = allowedDistance(term.length);
    if (max === 0) return [];
    const keys = new Set<string>();
    deletes(term.slice(0, DELETE_PREFIX), max, keys);
    const seen = new Set<number>();
    const out: FuzzyCandidate[] = [];
    for (const key of keys) {
      const bucket = this.neighbourhood.get(key);
      if (!bucket) continue;
      for (const id of bucket) {
        if (seen.has(id)) continue;
        seen.add(id);
        const candidate = termOf(id);
        if (candidate === term) continue;
        const distance = boundedDistance(term, candidate, max);
        if (distance <= max) out.push({ termId: id, distance });
      }
    }
    return out;
  }
}
