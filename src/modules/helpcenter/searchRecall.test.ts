import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildSearchIndex, evaluationReport, runQueries, slugOfDocument } from './evaluation.js';
import { loadSeedContent, loadSeedQueries, seedLocales } from './seed/seedContent.js';

/**
 * The shipped query fixture (colloquial, misspelled, synonym and mixed-script questions in
 * zh-CN, en and ko) against the shipped articles, through the same search code the help center
 * uses (and the same measurements as `ledgerdesk kb eval`). Floors sit a little under what the
 * engine measures today so a regression fails here.
 */
const RECALL_AT_5_FLOOR = 0.95;
const RECALL_AT_1_FLOOR = 0.8;

describe('help-center search over the seed content', () => {
  const content = loadSeedContent();
  const index = buildSearchIndex(content.articles.flatMap((article) => seedLocales.map((locale) => ({ slug: article.slug, locale, ...article.translations[locale] }))));
  const queries = loadSeedQueries();

  it(`finds an expected article in the top 5 for at least ${RECALL_AT_5_FLOOR * 100}% of ${queries.length} queries, per locale`, () => {
    const results = runQueries(index, queries);
    const report = evaluationReport(results, 10);
    for (const locale of seedLocales) {
      const { recallAt5, recallAt1 } = report.locales[locale]!;
      const misses = results.filter((r) => r.query.locale === locale && (r.rank === null || r.rank > 5)).map((r) => r.query.query);
      assert.ok(recallAt5 >= RECALL_AT_5_FLOOR, `${locale}: recall@5 ${(recallAt5 * 100).toFixed(1)}%; missed: ${misses.join(' | ')}`);
      assert.ok(recallAt1 >= RECALL_AT_1_FLOOR, `${locale}: recall@1 ${(recallAt1 * 100).toFixed(1)}%`);
    }
  });

  it('answers the issue\'s own examples with a deposit-not-credited article', () => {
    for (const [query, locale] of [['充币没到账', 'zh-CN'], ['deposit not arrived', 'en'], ['입금이 안 돼요', 'ko']] as const) {
      const top = index.search(query, { locale, limit: 3 }).map((h) => slugOfDocument(h.id));
      assert.ok(top.includes('deposit-not-credited'), `${query} → ${top.join(', ')}`);
    }
  });
});
