import { bodyTf, tagsTf, titleTf, type PostingList, type TopK } from './postings.js';
import type { QueryPlan } from './query.js';

/**
 * Ranking over the index's arrays: BM25 per field for queries, word coverage for typeahead.
 * Kept apart from SearchIndex (which owns the data and its updates) so each stays readable.
 */

const FIELD_BOOST = { title: 3, tags: 2, body: 1 } as const;
const K1 = 1.2;
const B = 0.75;
const MAX_DOC_LOCALE_BITS = 31;
const SYNONYM_EXTRA = 0.25;
// A common clause is looked up per candidate (binary search ≈ this many postings) when cheaper.
const LAZY_LOOKUP_COST = 16;
const LAZY_MIN_POSTINGS = 2000;

/** Which locales a ranking pass accepts: per locale id, and as a bit mask for whole terms. */
export interface LocaleFilter {
  accepted: Uint8Array;
  mask: number;
}

export const localeBit = (id: number): number => (id < MAX_DOC_LOCALE_BITS ? 1 << id : 1 << MAX_DOC_LOCALE_BITS);

/** Position of `doc` in ascending `docs[0..length)`, or -1. */
function findDoc(docs: Uint32Array, length: number, doc: number): number {
  let lo = 0;
  let hi = length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = docs[mid] as number;
    if (v === doc) return mid;
    if (v < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The index's arrays and scratch buffers a ranking pass reads (and, for scratch, resets). */
export interface IndexArrays {
  liveCount: number;
  postings: PostingList[];
  titlePostings: (PostingList | undefined)[];
  dfs: number[];
  termLocales: number[];
  localeTotals: number[][];
  alive: Uint8Array;
  localeOf: Uint16Array;
  titleLen: Uint16Array;
  tagsLen: Uint16Array;
  bodyLen: Uint32Array;
  prior: Float32Array;
  scoreAcc: Float64Array;
  clauseAcc: Float64Array;
  clauseSum: Float64Array;
  altAcc: Float64Array;
  matched: Uint8Array;
}

/** Postings a term would cost under `filter`; 0 when no doc of an accepted locale has it. */
export function termCost(ix: IndexArrays, termId: number, filter: LocaleFilter | null, lists: (PostingList | undefined)[]): number {
  if ((ix.dfs[termId] ?? 0) === 0) return 0;
  if (filter && ((ix.termLocales[termId] ?? 0) & filter.mask) === 0) return 0;
  return lists[termId]?.length ?? 0;
}

export function rankQuery(ix: IndexArrays, plan: QueryPlan, filter: LocaleFilter | null, top: TopK): void {
  const n = Math.max(1, ix.liveCount);
  const avg = (field: number): Float64Array => Float64Array.from(ix.localeTotals, (t) => Math.max(1, (t[field] ?? 0) / Math.max(1, t[0] ?? 0)));
  const avgTitle = avg(1);
  const avgTags = avg(2);
  const avgBody = avg(3);
  const { scoreAcc, clauseAcc, clauseSum, altAcc, matched, localeOf, alive, titleLen, tagsLen, bodyLen } = ix;
  const accepted = filter?.accepted ?? null;
  const bm25 = (d: number, tf: number): number => {
    const loc = localeOf[d] as number;
    let s = 0;
    const tt = titleTf(tf);
    if (tt) s += (FIELD_BOOST.title * tt * (K1 + 1)) / (tt + K1 * (1 - B + (B * (titleLen[d] as number)) / (avgTitle[loc] as number)));
    const tg = tagsTf(tf);
    if (tg) s += (FIELD_BOOST.tags * tg * (K1 + 1)) / (tg + K1 * (1 - B + (B * (tagsLen[d] as number)) / (avgTags[loc] as number)));
    const tb = bodyTf(tf);
    if (tb) s += (FIELD_BOOST.body * tb * (K1 + 1)) / (tb + K1 * (1 - B + (B * (bodyLen[d] as number)) / (avgBody[loc] as number)));
    return s;
  };
  // Cheapest clauses first: a rare word (a coin name) finds the candidates, and a clause of very
  // common words then only scores those candidates by binary search instead of walking 30k postings.
  const clauses = plan.clauses
    .map((clause) => ({ clause, cost: clause.alternatives.reduce((sum, alt) => sum + alt.termIds.reduce((c, id) => c + termCost(ix, id, filter, ix.postings), 0), 0) }))
    .filter((c) => c.cost > 0)
    .sort((a, b) => a.cost - b.cost);
  const touchedAll: number[] = [];
  for (const { clause, cost } of clauses) {
    const touchedClause: number[] = [];
    const lazy = touchedAll.length >= top.limit && cost > LAZY_MIN_POSTINGS && touchedAll.length * LAZY_LOOKUP_COST < cost;
    for (const alt of clause.alternatives) {
      const touchedAlt: number[] = [];
      for (const termId of alt.termIds) {
        if (termCost(ix, termId, filter, ix.postings) === 0) continue;
        const df = ix.dfs[termId] ?? 0;
        const w = Math.log(1 + (n - df + 0.5) / (df + 0.5)) * alt.weight;
        const list = ix.postings[termId] as PostingList;
        const { docs, tfs } = list;
        if (lazy) {
          for (const d of touchedAll) {
            const i = findDoc(docs, list.length, d);
            if (i < 0) continue;
            if (altAcc[d] === 0) touchedAlt.push(d);
            altAcc[d] = (altAcc[d] as number) + w * bm25(d, tfs[i] as number);
          }
          continue;
        }
        for (let i = 0; i < list.length; i++) {
          const d = docs[i] as number;
          if (!alive[d] || (accepted && !accepted[localeOf[d] as number])) continue;
          if (altAcc[d] === 0) touchedAlt.push(d);
          altAcc[d] = (altAcc[d] as number) + w * bm25(d, tfs[i] as number);
        }
      }
      for (const d of touchedAlt) {
        const v = altAcc[d] as number;
        if (clauseAcc[d] === 0) touchedClause.push(d);
        if (v > (clauseAcc[d] as number)) clauseAcc[d] = v;
        clauseSum[d] = (clauseSum[d] as number) + v;
        altAcc[d] = 0;
      }
    }
    for (const d of touchedClause) {
      if (scoreAcc[d] === 0) touchedAll.push(d);
      // The best alternative counts fully; a doc that also uses other synonyms gets a little more.
      const best = clauseAcc[d] as number;
      scoreAcc[d] = (scoreAcc[d] as number) + best + SYNONYM_EXTRA * ((clauseSum[d] as number) - best);
      matched[d] = (matched[d] as number) + 1;
      clauseAcc[d] = 0;
      clauseSum[d] = 0;
    }
  }
  const total = plan.clauses.length;
  for (const d of touchedAll) {
    // Matching more of the query's words counts beyond what BM25's sum gives.
    const coverage = 0.5 + (0.5 * (matched[d] as number)) / total;
    top.offer((scoreAcc[d] as number) * coverage * (ix.prior[d] as number), d);
    scoreAcc[d] = 0;
    matched[d] = 0;
  }
}

/**
 * Title matches for typeahead: one point per typed word. Docs must match the most selective
 * word; only when that leaves too few does every partial match count.
 */
export function rankTitles(ix: IndexArrays, clauses: number[][], filter: LocaleFilter | null, top: TopK): void {
  const { scoreAcc, matched, alive, localeOf } = ix;
  const accepted = filter?.accepted ?? null;
  const costs = clauses.map((ids) => ids.reduce((c, id) => c + termCost(ix, id, filter, ix.titlePostings), 0));
  const order = clauses.map((_, i) => i).filter((i) => (costs[i] ?? 0) > 0).sort((a, b) => (costs[a] ?? 0) - (costs[b] ?? 0));
  const touched: number[] = [];
  const visit = (c: number, restrict: boolean): void => {
    for (const termId of clauses[c] ?? []) {
      const list = ix.titlePostings[termId];
      if (!list || termCost(ix, termId, filter, ix.titlePostings) === 0) continue;
      const count = (d: number): void => {
        // matched[d] holds 1 + the last clause that counted d: one point per clause.
        if (matched[d] === c + 1) return;
        if (scoreAcc[d] === 0) touched.push(d);
        scoreAcc[d] = (scoreAcc[d] as number) + 1;
        matched[d] = c + 1;
      };
      if (restrict) {
        for (let k = 0, n = touched.length; k < n; k++) {
          const d = touched[k] as number;
          if (findDoc(list.docs, list.length, d) >= 0) count(d);
        }
        continue;
      }
      for (let i = 0; i < list.length; i++) {
        const d = list.docs[i] as number;
        if (alive[d] && (!accepted || accepted[localeOf[d] as number])) count(d);
      }
    }
  };
  const [first, ...rest] = order;
  if (first === undefined) return;
  visit(first, false);
  const restrict = touched.length >= top.limit;
  for (const c of rest) visit(c, restrict && touched.length * LAZY_LOOKUP_COST < (costs[c] ?? 0));
  for (const d of touched) {
    // Shorter titles first among equals: the user's words are a larger part of them.
    const brevity = 1 / (1 + (ix.titleLen[d] as number) / 8);
    top.offer((scoreAcc[d] as number) + 0.3 * brevity + 0.2 * ((ix.prior[d] as number) - 1), d);
    scoreAcc[d] = 0;
    matched[d] = 0;
  }
}
