import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { loadSeedContent, loadSeedQueries, parseArticleFile, seedLocales } from './seed/seedContent.js';
import { seedHelpCenter } from './seed/seeder.js';

const content = loadSeedContent();

describe('shipped help-center content', () => {
  it('has at least 60 articles, every one in zh-CN, en and ko with a title, summary and real body', () => {
    assert.ok(content.articles.length >= 60, `${content.articles.length} articles`);
    for (const article of content.articles) {
      for (const locale of seedLocales) {
        const t = article.translations[locale];
        assert.ok(t.title.length > 3 && t.summary.length > 10 && t.body.length > 100, `${article.slug}/${locale}`);
      }
    }
  });

  it('writes each language in its own script, not left in English', () => {
    const share = (text: string, script: RegExp) => {
      const native = text.match(script)?.length ?? 0;
      const latin = text.match(/\p{Script=Latin}/gu)?.length ?? 0;
      return native / Math.max(1, native + latin);
    };
    for (const article of content.articles) {
      assert.ok(share(article.translations['zh-CN'].body, /\p{Script=Han}/gu) > 0.6, `${article.slug}/zh-CN`);
      assert.ok(share(article.translations.ko.body, /\p{Script=Hangul}/gu) > 0.6, `${article.slug}/ko`);
    }
  });

  it('keeps a curated top-questions list and one pinned security alert', () => {
    const top = content.articles.filter((a) => a.top);
    assert.ok(top.length >= 8 && top.length <= 16, `${top.length} top questions`);
    assert.ok(content.articles.some((a) => a.kind === 'security_alert' && a.pinned));
  });

  it('has search queries whose expected articles all exist, in every locale', () => {
    const slugs = new Set(content.articles.map((a) => a.slug));
    const queries = loadSeedQueries();
    assert.ok(queries.length >= 150, `${queries.length} queries`);
    for (const locale of seedLocales) assert.ok(queries.filter((q) => q.locale === locale).length >= 40, locale);
    for (const q of queries) for (const slug of q.relevant) assert.ok(slugs.has(slug), `${q.query} → ${slug}`);
  });

  it('rejects an article file without front matter or with unknown keys', () => {
    assert.throws(() => parseArticleFile('# Just a body with no front matter at all, long enough', 'x/en.md'), /front matter/);
    assert.throws(() => parseArticleFile('---\ntitle: T\nsummary: S\ncolour: red\n---\nA body that is long enough to pass the length check.', 'x/en.md'), /colour/);
  });
});

describe('seeding the help center', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('loads categories, sections, articles, translations, versions and relations once', async () => {
    const loaded = await seedHelpCenter(t.ctx, content);
    assert.equal(loaded, content.articles.length);
    const count = async (table: 'articles' | 'article_translations' | 'article_versions' | 'help_categories') =>
      Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    assert.equal(await count('articles'), content.articles.length);
    assert.equal(await count('article_translations'), content.articles.length * 3);
    assert.equal(await count('article_versions'), content.articles.length * 3);
    assert.equal(await count('help_categories'), content.categories.length);
    const expectedRelations = content.articles.reduce((n, a) => n + a.related.length, 0);
    const relations = await t.ctx.db.selectFrom('article_relations').select('article_id').execute();
    assert.equal(relations.length, expectedRelations);

    assert.equal(await seedHelpCenter(t.ctx, content), 0, 'a second start changes nothing');
    assert.equal(await count('articles'), content.articles.length);
  });
});
