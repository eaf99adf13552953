import { performance } from 'node:perf_hooks';
import { SearchIndex, type SearchDocument } from '../../platform/search/index.js';
import { fallbackChain } from './locales.js';

/**
 * Measures how well help-center search answers a set of labelled queries: recall@1, recall@5,
 * MRR@k, the share of queries with no result at all, and per-query latency. Used by
 * `ledgerdesk kb eval` and the seed recall test; the numbers are plain functions of the ranks.
 */

/** One translation as search sees it; `slug` is the article's public id. */
export interface IndexedTranslation {
  slug: string;
  locale: string;
  title: string;
  summary?: string | undefined;
  body: string;
  tags: readonly string[];
}

/** A question a reader might type and the articles (slugs) that answer it. */
export interface EvalQuery {
  query: string;
  locale: string;
  relevant: readonly string[];
}

export interface QueryResult {
  query: EvalQuery;
  /** Articles found, best first, each once (several locales of one article count as one). */
  slugs: string[];
  /** 1-based place of the first relevant article, or null when it is not in the results. */
  rank: number | null;
  ms: number;
}

export interface SearchMetrics {
  queries: number;
  recallAt1: number;
  recallAt5: number;
  /** Mean reciprocal rank over the first k results (0 for a query whose answer is not in them). */
  mrr: number;
  zeroResultRate: number;
  latencyMs: { p50: number; p99: number };
}

export interface EvalReport {
  k: number;
  overall: SearchMetrics;
  /** Per query locale, in the order the locales first appear. */
  locales: Record<string, SearchMetrics>;
}

/**
 * The document the live index holds for a translation (see KnowledgeBase): the summary is what
 * a reader sees first, so it is matched together with the body.
 */
export function searchDocument(t: IndexedTranslation): SearchDocument {
  return { id: `${t.slug}|${t.locale}`, locale: t.locale, title: t.title, tags: [...t.tags], body: t.summary ? `${t.summary}\n\n${t.body}` : t.body };
}

/** An index of the given translations; without `synonyms` the engine's shipped groups apply. */
export function buildSearchIndex(translations: Iterable<IndexedTranslation>, synonyms?: readonly (readonly string[])[]): SearchIndex {
  const index = new SearchIndex(synonyms ? { synonyms } : {});
  for (const t of translations) index.add(searchDocument(t));
  return index;
}

export const slugOfDocument = (id: string): string => id.slice(0, id.lastIndexOf('|'));

export function firstRelevantRank(slugs: readonly string[], relevant: readonly string[]): number | null {
  const found = slugs.findIndex((slug) => relevant.includes(slug));
  return found < 0 ? null : found + 1;
}

/** Runs each query as the help center does (its locale first, then the fallback chain), timing each. */
export function runQueries(index: SearchIndex, queries: readonly EvalQuery[], k = 10): QueryResult[] {
  return queries.map((query) => {
    const started = performance.now();
    const hits = index.search(query.query, { locale: query.locale, limit: k, fallbackLocales: fallbackChain(query.locale).slice(1) });
    const ms = performance.now() - started;
    const slugs = [...new Set(hits.map((hit) => slugOfDocument(hit.id)))];
    return { query, slugs, rank: firstRelevantRank(slugs, query.relevant), ms };
  });
}

/** Nearest-rank percentile (p in 0–100) of unsorted values; 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1]!;
}

export function searchMetrics(results: readonly QueryResult[]): SearchMetrics {
  const n = results.length;
  const share = (test: (r: QueryResult) => boolean) => (n ? results.filter(test).length / n : 0);
  const times = results.map((r) => r.ms);
  return {
    queries: n,
    recallAt1: share((r) => r.rank !== null && r.rank <= 1),
    recallAt5: share((r) => r.rank !== null && r.rank <= 5),
    mrr: n ? results.reduce((sum, r) => sum + (r.rank ? 1 / r.rank : 0), 0) / n : 0,
    zeroResultRate: share((r) => r.slugs.length === 0),
    latencyMs: { p50: percentile(times, 50), p99: percentile(times, 99) },
  };
}

export function evaluationReport(results: readonly QueryResult[], k: number): EvalReport {
  const locales: Record<string, SearchMetrics> = {};
  for (const locale of new Set(results.map((r) => r.query.locale))) locales[locale] = searchMetrics(results.filter((r) => r.query.locale === locale));
  return { k, overall: searchMetrics(results), locales };
}
