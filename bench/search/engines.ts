import FlexSearch from 'flexsearch';
import MiniSearch from 'minisearch';
import { SearchIndex } from '../../src/platform/search/index.js';
import type { Article } from './corpus.js';

/** One search library driven the same way by the benchmark. */
export interface Engine {
  name: string;
  config: string;
  build(articles: readonly Article[]): void;
  /** Ids of the best `limit` articles, requested locale first. */
  search(text: string, locale: string, limit: number): string[];
  /** Number of suggestions returned for a partial input. */
  suggest(prefix: string, locale: string): number;
}

/**
 * The tokenizer the other libraries get so that Chinese works at all (their defaults split on
 * spaces, leaving a Chinese sentence one token): Han and kana characters one by one, other
 * letters and digits as words. The common recipe for CJK in these libraries.
 */
export const cjkAwareTokens = (text: string): string[] =>
  text.normalize('NFKC').toLowerCase().match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}]+/gu) ?? [];

export function ledgerDesk(): Engine {
  let index = new SearchIndex();
  return {
    name: 'LedgerDesk SearchIndex',
    config: 'bigram CJK + Korean particles, BM25F, typo ≤2 (SymSpell), prefix, default synonyms',
    build(articles) {
      index = new SearchIndex();
      for (const a of articles) index.add(a);
    },
    search: (text, locale, limit) => index.search(text, { locale, limit }).map((h) => h.id),
    suggest: (prefix, locale) => index.suggest(prefix, { locale, limit: 8 }).length,
  };
}

interface MiniDoc {
  id: string;
  locale: string;
  title: string;
  tags: string;
  body: string;
}

export function miniSearch(): Engine {
  let index = create();
  function create(): MiniSearch<MiniDoc> {
    return new MiniSearch<MiniDoc>({
      fields: ['title', 'tags', 'body'],
      storeFields: ['locale'],
      tokenize: cjkAwareTokens,
      searchOptions: { boost: { title: 3, tags: 2 }, fuzzy: 0.2, prefix: true },
    });
  }
  return {
    name: 'MiniSearch',
    config: 'fuzzy 0.2, prefix true, boost title 3 / tags 2, CJK-aware tokenizer, locale filter',
    build(articles) {
      index = create();
      index.addAll(articles.map((a) => ({ id: a.id, locale: a.locale, title: a.title, tags: a.tags.join(' '), body: a.body })));
    },
    search(text, locale, limit) {
      const own = index.search(text, { filter: (r) => r['locale'] === locale });
      const hits = own.length >= limit ? own : own.concat(index.search(text, { filter: (r) => r['locale'] !== locale }));
      return hits.slice(0, limit).map((h) => String(h.id));
    },
    suggest: (prefix, locale) => index.autoSuggest(prefix, { filter: (r) => r['locale'] === locale }).slice(0, 8).length,
  };
}

interface FlexDoc {
  [key: string]: string;
  id: string;
  locale: string;
  title: string;
  tags: string;
  body: string;
}

interface FlexDocumentLike {
  add(doc: FlexDoc): void;
  search(options: { query: string; limit: number; tag?: Record<string, string>; merge: true; suggest?: boolean }): { id: string | number }[];
}

export function flexSearch(): Engine {
  const create = (): FlexDocumentLike => {
    const field = (name: string) => ({ field: name, tokenize: 'forward', encode: cjkAwareTokens });
    const Document = FlexSearch.Document as unknown as new (options: unknown) => FlexDocumentLike;
    return new Document({
      document: { id: 'id', index: [field('title'), field('tags'), field('body')], tag: [{ field: 'locale' }] },
    });
  };
  let index = create();
  const run = (text: string, locale: string, limit: number, suggest: boolean): string[] => {
    const own = index.search({ query: text, limit, tag: { locale }, merge: true, suggest });
    const hits = own.length >= limit ? own : own.concat(index.search({ query: text, limit, merge: true, suggest }));
    return [...new Set(hits.map((h) => String(h.id)))].slice(0, limit);
  };
  return {
    name: 'FlexSearch',
    config: 'Document, tokenize forward, CJK-aware encoder, locale tag, suggest on',
    build(articles) {
      index = create();
      for (const a of articles) index.add({ id: a.id, locale: a.locale, title: a.title, tags: a.tags.join(' '), body: a.body });
    },
    search: (text, locale, limit) => run(text, locale, limit, true),
    suggest: (prefix, locale) => run(prefix, locale, 8, true).length,
  };
}
