import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SearchIndex } from '../../platform/search/index.js';
import { loadSeedContent, loadSeedQueries, seedLocales } from './seed/seedContent.js';

/**
 * The shipped query fixture (colloquial, misspelled, synonym and mixed-script questions in
 * zh-CN, en and ko) against the shipped articles, through the same search code the help center
 * uses. Floors sit a little under what the engine measures today so a regression fails here.
 */
const RECALL_AT_5_FLOOR = 0.95;
const RECALL_AT_1_FLOOR = 0.8;

describe('help-center search over the seed content', () => {
  const content = loadSeedContent();
  const index = new SearchIndex();
  for (const article of content.articles) {
    for (const locale of seedLocales) {
      const t = article.translations[locale];
      index.add({ id: `${article.slug}|${locale}`, locale, title: t.title, tags: t.tags, body: t.body });
    }
  }
  const queries = loadSeedQueries();

  const rankOf = (query: string, locale: string, relevant: string[]): number => {
    const slugs = [...new Set(index.search(query, { locale, limit: 10 }).map((h) => h.id.split('|')[0]!))];
    const found = slugs.findIndex((slug) => relevant.includes(slug));
    return found < 0 ? Infinity : found + 1;
  };

  it(`finds an expected article in the top 5 for at least ${RECALL_AT_5_FLOOR * 100}% of ${queries.length} queries, per locale`, () => {
    for (const locale of seedLocales) {
      const mine = queries.filter((q) => q.locale === locale);
      const ranks = mine.map((q) => rankOf(q.query, q.locale, q.relevant));
      const at5 = ranks.filter((r) => r <= 5).length / ranks.length;
      const at1 = ranks.filter((r) => r <= 1).length / ranks.length;
      const misses = mine.filter((_, i) => ranks[i]! > 5).map((q) => q.query);
      assert.ok(at5 >= RECALL_AT_5_FLOOR, `${locale}: recall@5 ${(at5 * 100).toFixed(1)}%; missed: ${misses.join(' | ')}`);
      assert.ok(at1 >= RECALL_AT_1_FLOOR, `${locale}: recall@1 ${(at1 * 100).toFixed(1)}%`);
    }
  });

  it('answers the issue\'s own examples with a deposit-not-credited article', () => {
    for (const [query, locale] of [['充币没到账', 'zh-CN'], ['deposit not arrived', 'en'], ['입금이 안 돼요', 'ko']] as const) {
      const top = index.search(query, { locale, limit: 3 }).map((h) => h.id.split('|')[0]);
      assert.ok(top.includes('deposit-not-credited'), `${query} → ${top.join(', ')}`);
    }
  });
});
