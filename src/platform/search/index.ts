import { WordDictionary } from './fuzzy.js';
import { PostingList, TopK, packTf } from './postings.js';
import { localeBit, rankQuery, rankTitles, type IndexArrays, type LocaleFilter } from './ranking.js';
import { MAX_QUERY_CHARS, SynonymTable, planQuery, type TermLookup } from './query.js';
import { highlight } from './snippet.js';
import { defaultSynonyms } from './synonyms.js';
import { scanTokens } from './tokenize.js';

export { defaultSynonyms } from './synonyms.js';
export { normalize } from './normalize.js';
export { tokenize, type Token } from './tokenize.js';
export { escapeHtml } from './snippet.js';
export { MAX_QUERY_CHARS } from './query.js';

export interface SearchDocument {
  id: string;
  locale: string;
  title: string;
  tags: string[];
  body: string;
  /** Views or votes; a gentle tie-breaker. */
  popularity?: number;
  /** ISO date; newer articles win ties. */
  updatedAt?: string;
}

export interface SearchOptions {
  /** Results in this locale come first; others only fill up to `limit`. */
  locale?: string;
  limit?: number;
  /** Locales to fill from, in order of preference; default any other locale. [] disables fallback. */
  fallbackLocales?: string[];
}

export interface SearchHit {
  id: string;
  score: number;
  locale: string;
  title: string;
  /** HTML: escaped body text around the matches, matches wrapped in <mark>. */
  snippet: string;
  /** HTML: the escaped title with matches marked. */
  titleHtml: string;
}

export interface Suggestion {
  id: string;
  locale: string;
  title: string;
}

const BODY_SCAN_CHARS = 200_000;
const MAX_LIMIT = 100;
const DAY_MS = 86_400_000;
interface Stored {
  doc: SearchDocument;
}

/**
 * In-memory full-text index for help-center articles in any mix of zh, ja, ko and Latin text:
 * BM25 per field (title > tags > body), synonyms, typo and prefix tolerance, locale fallback,
 * highlighted snippets and title suggestions. Changes apply immediately; removed docs are
 * tombstoned and the postings compacted once a fifth of the index is dead.
 */
export class SearchIndex {
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly postings: PostingList[] = [];
  private readonly titlePostings: (PostingList | undefined)[] = [];
  private readonly dfs: number[] = [];
  /** Per term, a bit per locale having it: a French synonym costs nothing in a Korean search. */
  private readonly termLocales: number[] = [];
  private readonly words = new WordDictionary(true);
  private readonly titleWords = new WordDictionary(false);

  private readonly idToDoc = new Map<string, number>();
  private stored: (Stored | undefined)[] = [];
  private capacity = 0;
  private docCount = 0;
  private liveCount = 0;
  private alive = new Uint8Array(0);
  private titleLen = new Uint16Array(0);
  private tagsLen = new Uint16Array(0);
  private bodyLen = new Uint32Array(0);
  private prior = new Float32Array(0);
  private localeOf = new Uint16Array(0);
  private readonly locales: string[] = [];
  private readonly localeIds = new Map<string, number>();
  /** Per locale: [docs, title tokens, tags tokens, body tokens]. Bigram-indexed Chinese titles run
   * longer in tokens than English ones, so BM25's length norm compares within a locale. */
  private readonly localeTotals: number[][] = [];

  private scoreAcc = new Float64Array(0);
  private clauseAcc = new Float64Array(0);
  private clauseSum = new Float64Array(0);
  private altAcc = new Float64Array(0);
  private matched = new Uint8Array(0);

  private synonyms = new SynonymTable(defaultSynonyms);

  constructor(options: { synonyms?: readonly (readonly string[])[] } = {}) {
    if (options.synonyms) this.setSynonyms(options.synonyms);
  }

  get size(): number {
    return this.liveCount;
  }

  has(id: string): boolean {
    return this.idToDoc.has(id);
  }

  /** Replaces the synonym groups (default: `defaultSynonyms`). Applied at query time. */
  setSynonyms(groups: readonly (readonly string[])[]): void {
    this.synonyms = new SynonymTable(groups);
  }

  /** Adds an article, replacing any with the same id. */
  add(doc: SearchDocument): void {
    if (this.idToDoc.has(doc.id)) this.remove(doc.id);
    const n = this.docCount++;
    this.ensureCapacity(n + 1);
    const copy: SearchDocument = { ...doc, tags: [...doc.tags] };
    this.stored[n] = { doc: copy };
    this.idToDoc.set(doc.id, n);
    this.alive[n] = 1;
    this.liveCount++;

    const counts = new Map<string, number[]>();
    const lengths = [0, 0, 0];
    const collect = (field: 0 | 1 | 2, titleDict: boolean) => (term: string, _s: number, _e: number, script: string, stop: boolean, surface: string) => {
      if (stop) return;
      lengths[field] = (lengths[field] ?? 0) + 1;
      let c = counts.get(term);
      if (!c) {
        c = [0, 0, 0];
        counts.set(term, c);
      }
      c[field] = (c[field] ?? 0) + 1;
      const id = this.internTerm(term, script === 'latin');
      this.words.add(surface, id);
      if (titleDict) this.titleWords.add(surface, id);
    };
    scanTokens(copy.title, collect(0, true), MAX_QUERY_CHARS * 4);
    for (const tag of copy.tags) scanTokens(tag, collect(1, false), MAX_QUERY_CHARS);
    scanTokens(copy.body, collect(2, false), BODY_SCAN_CHARS);

    const localeId = this.internLocale(copy.locale);
    const bit = localeBit(localeId);
    for (const [term, [t = 0, g = 0, b = 0]] of counts) {
      const id = this.termIds.get(term) ?? 0;
      this.termLocales[id] = ((this.termLocales[id] ?? 0) | bit) >>> 0;
      (this.postings[id] as PostingList).push(n, packTf(t, g, b));
      this.dfs[id] = (this.dfs[id] ?? 0) + 1;
      if (t > 0) {
        const tp = this.titlePostings[id] ?? (this.titlePostings[id] = new PostingList(1));
        tp.push(n, t);
      }
    }
    this.titleLen[n] = Math.min(lengths[0] ?? 0, 65_535);
    this.tagsLen[n] = Math.min(lengths[1] ?? 0, 65_535);
    this.bodyLen[n] = lengths[2] ?? 0;
    this.prior[n] = priorOf(copy);
    this.localeOf[n] = localeId;
    this.addTotals(n, 1);
  }

  update(doc: SearchDocument): void {
    this.add(doc);
  }

  /** Removes an article; returns whether it was indexed. */
  remove(id: string): boolean {
    const n = this.idToDoc.get(id);
    if (n === undefined) return false;
    const doc = this.stored[n]?.doc;
    this.idToDoc.delete(id);
    this.stored[n] = undefined;
    this.alive[n] = 0;
    this.liveCount--;
    this.addTotals(n, -1);
    if (doc) {
      const seen = new Set<string>();
      const drop = (term: string, _s: number, _e: number, _script: string, stop: boolean): void => {
        if (stop || seen.has(term)) return;
        seen.add(term);
        const tid = this.termIds.get(term);
        if (tid !== undefined) this.dfs[tid] = Math.max(0, (this.dfs[tid] ?? 0) - 1);
      };
      scanTokens(doc.title, drop, MAX_QUERY_CHARS * 4);
      for (const tag of doc.tags) scanTokens(tag, drop, MAX_QUERY_CHARS);
      scanTokens(doc.body, drop, BODY_SCAN_CHARS);
    }
    const dead = this.docCount - this.liveCount;
    if (dead > 1000 && dead > this.docCount / 5) this.compact();
    return true;
  }

  /** Ranked hits for a query typed by a user, in any language; never throws on odd input. */
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = clampLimit(options.limit, 10);
    if (typeof query !== 'string' || this.liveCount === 0) return [];
    const plan = planQuery(query, this.lookup, this.synonyms);
    if (plan.clauses.length === 0) return [];
    const ranked = this.withLocaleFallback(options, limit, (filter, top) => rankQuery(this.arrays(), plan, filter, top));
    return ranked.map(({ doc, score }) => {
      const stored = (this.stored[doc] as Stored).doc;
      return {
        id: stored.id,
        score: Math.round(score * 1000) / 1000,
        locale: stored.locale,
        title: stored.title,
        snippet: highlight(stored.body, plan.terms),
        titleHtml: highlight(stored.title, plan.terms, 1000),
      };
    });
  }

  /** Article titles for a search box's partial input, best first. */
  suggest(prefix: string, options: { locale?: string; limit?: number; fallbackLocales?: string[] } = {}): Suggestion[] {
    const limit = clampLimit(options.limit, 8);
    if (typeof prefix !== 'string' || this.liveCount === 0) return [];
    const text = prefix.slice(0, MAX_QUERY_CHARS);
    const tokens: { term: string; surface: string }[] = [];
    scanTokens(text, (term, _s, _e, _script, stop, surface) => {
      if (!stop && tokens.length < 16) tokens.push({ term, surface });
    });
    if (tokens.length === 0) return [];
    const typing = !/\s$/.test(text);
    const clauses: number[][] = tokens.map(({ term, surface }, i) => {
      const ids = new Set<number>();
      const exact = this.termIds.get(term);
      if (exact !== undefined) ids.add(exact);
      if (i === tokens.length - 1 && typing) {
        const expansions = this.titleWords
          .prefixTerms(surface, 200)
          .filter((id) => (this.titlePostings[id]?.length ?? 0) > 0)
          .sort((a, b) => (this.titlePostings[b]?.length ?? 0) - (this.titlePostings[a]?.length ?? 0))
          .slice(0, 16);
        for (const id of expansions) ids.add(id);
      }
      return [...ids];
    });
    const ranked = this.withLocaleFallback(options, limit * 2, (filter, top) => rankTitles(this.arrays(), clauses, filter, top));
    const seen = new Set<string>();
    const out: Suggestion[] = [];
    for (const { doc } of ranked) {
      const d = (this.stored[doc] as Stored).doc;
      const key = `${d.locale}\u0000${d.title}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ id: d.id, locale: d.locale, title: d.title });
      if (out.length >= limit) break;
    }
    return out;
  }

  /** Removes tombstoned docs from the postings and renumbers the live ones. */
  compact(): void {
    const remap = new Int32Array(this.docCount).fill(-1);
    let next = 0;
    for (let n = 0; n < this.docCount; n++) if (this.alive[n]) remap[n] = next++;
    for (const list of this.postings) list.compact(remap);
    for (const list of this.titlePostings) list?.compact(remap);
    const move = <T extends Uint8Array | Uint16Array | Uint32Array | Float32Array>(arr: T): void => {
      for (let n = 0; n < this.docCount; n++) {
        const to = remap[n] ?? -1;
        if (to >= 0) arr[to] = arr[n] ?? 0;
      }
      arr.fill(0, next);
    };
    move(this.alive);
    move(this.titleLen);
    move(this.tagsLen);
    move(this.bodyLen);
    move(this.prior);
    move(this.localeOf);
    const stored: (Stored | undefined)[] = new Array<Stored | undefined>(this.capacity);
    for (let n = 0; n < this.docCount; n++) {
      const to = remap[n] ?? -1;
      const s = this.stored[n];
      if (to >= 0 && s) {
        stored[to] = s;
        this.idToDoc.set(s.doc.id, to);
      }
    }
    this.stored = stored;
    this.docCount = next;
  }

  /** Runs `rank` on the requested locale, then on fallbacks if it found fewer than `limit`. */
  private withLocaleFallback(
    options: { locale?: string; fallbackLocales?: string[] },
    limit: number,
    rank: (filter: LocaleFilter | null, top: TopK) => void,
  ): { doc: number; score: number }[] {
    const collect = (top: TopK): { doc: number; score: number }[] => top.docs.map((doc, i) => ({ doc, score: top.scores[i] ?? 0 }));
    if (!options.locale) {
      const top = new TopK(limit);
      rank(null, top);
      return collect(top);
    }
    const wanted = this.matchingLocales(options.locale);
    const first = new TopK(limit);
    rank(this.localeFilter(wanted), first);
    const out = collect(first);
    if (out.length >= limit) return out;
    const order = options.fallbackLocales ?? [null];
    for (const locale of order) {
      if (out.length >= limit) break;
      const ids = locale === null ? new Set(this.locales.keys()) : this.matchingLocales(locale);
      for (const id of wanted) ids.delete(id);
      if (ids.size === 0) continue;
      const more = new TopK(limit - out.length);
      rank(this.localeFilter(ids), more);
      for (const id of ids) wanted.add(id);
      out.push(...collect(more));
    }
    return out;
  }

  private localeFilter(ids: ReadonlySet<number>): LocaleFilter {
    const accepted = new Uint8Array(this.locales.length);
    let mask = 0;
    for (const id of ids) {
      accepted[id] = 1;
      mask |= localeBit(id);
    }
    return { accepted, mask };
  }

  /** Locale ids equal to `locale`, or sharing its language when it names none exactly (zh → zh-CN). */
  private matchingLocales(locale: string): Set<number> {
    const lower = locale.toLowerCase();
    const exact = this.localeIds.get(lower);
    if (exact !== undefined) return new Set([exact]);
    const language = lower.split('-')[0];
    const out = new Set<number>();
    this.locales.forEach((l, i) => {
      if (l.split('-')[0] === language) out.add(i);
    });
    return out;
  }

  private arrays(): IndexArrays {
    const { liveCount, postings, titlePostings, dfs, termLocales, localeTotals, alive, localeOf, titleLen, tagsLen, bodyLen, prior } = this;
    const { scoreAcc, clauseAcc, clauseSum, altAcc, matched } = this;
    return { liveCount, postings, titlePostings, dfs, termLocales, localeTotals, alive, localeOf, titleLen, tagsLen, bodyLen, prior, scoreAcc, clauseAcc, clauseSum, altAcc, matched };
  }

  private readonly lookup: TermLookup = {
    termId: (term) => this.termIds.get(term),
    df: (id) => this.dfs[id] ?? 0,
    term: (id) => this.terms[id] ?? '',
    typoTerms: (term) => this.words.typoTerms(term, (id) => this.terms[id] ?? ''),
    prefixTerms: (prefix, scanLimit) => this.words.prefixTerms(prefix, scanLimit),
  };

  private internTerm(term: string, latin: boolean): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.termIds.set(term, id);
      this.terms.push(term);
      this.postings.push(new PostingList());
      this.titlePostings.push(undefined);
      this.dfs.push(0);
      this.termLocales.push(0);
      if (latin && /^[a-z]/.test(term)) this.words.addTypoTerm(term, id);
    }
    return id;
  }

  private addTotals(n: number, sign: 1 | -1): void {
    const locale = this.localeOf[n] ?? 0;
    const t = this.localeTotals[locale] ?? (this.localeTotals[locale] = [0, 0, 0, 0]);
    t[0] = (t[0] ?? 0) + sign;
    t[1] = (t[1] ?? 0) + sign * (this.titleLen[n] ?? 0);
    t[2] = (t[2] ?? 0) + sign * (this.tagsLen[n] ?? 0);
    t[3] = (t[3] ?? 0) + sign * (this.bodyLen[n] ?? 0);
  }

  private internLocale(locale: string): number {
    const lower = locale.toLowerCase();
    let id = this.localeIds.get(lower);
    if (id === undefined) {
      id = this.locales.push(lower) - 1;
      this.localeIds.set(lower, id);
    }
    return id;
  }

  private ensureCapacity(size: number): void {
    if (size <= this.capacity) return;
    const capacity = Math.max(64, this.capacity * 2, size);
    const grow = <T extends Uint8Array | Uint16Array | Uint32Array | Float32Array | Float64Array>(arr: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(arr);
      return next;
    };
    this.alive = grow(this.alive, (c) => new Uint8Array(c));
    this.titleLen = grow(this.titleLen, (c) => new Uint16Array(c));
    this.tagsLen = grow(this.tagsLen, (c) => new Uint16Array(c));
    this.bodyLen = grow(this.bodyLen, (c) => new Uint32Array(c));
    this.prior = grow(this.prior, (c) => new Float32Array(c));
    this.localeOf = grow(this.localeOf, (c) => new Uint16Array(c));
    this.scoreAcc = new Float64Array(capacity);
    this.clauseAcc = new Float64Array(capacity);
    this.clauseSum = new Float64Array(capacity);
    this.altAcc = new Float64Array(capacity);
    this.matched = new Uint8Array(capacity);
    this.capacity = capacity;
  }
}

function clampLimit(limit: number | undefined, fallback: number): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.max(1, Math.min(MAX_LIMIT, Math.floor(limit)));
}

/** 1.00–1.06: popularity and freshness only separate otherwise equal answers. */
function priorOf(doc: SearchDocument): number {
  const popularity = Math.min(1, Math.log1p(Math.max(0, doc.popularity ?? 0)) / Math.log1p(1_000_000));
  const updated = doc.updatedAt ? Date.parse(doc.updatedAt) : Number.NaN;
  const freshness = Number.isFinite(updated) ? Math.exp(-Math.max(0, Date.now() - updated) / DAY_MS / 365) : 0;
  return 1 + 0.04 * popularity + 0.02 * freshness;
}

