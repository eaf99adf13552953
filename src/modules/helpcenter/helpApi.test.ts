import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { helpCenterOf } from './index.js';

/** The public help-center API over the shipped content, as the widget and exchanges' apps call it. */
describe('public help-center API on the shipped content', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ SEED_HELP_CENTER: 'true' });
  });
  after(() => t.close());
  const get = async (url: string) => {
    const res = await t.http.inject({ url });
    assert.equal(res.statusCode, 200, `${url} → ${res.body}`);
    return res.json();
  };

  it('answers the same question in Chinese, English and Korean with the deposit checklist, highlighted', async () => {
    for (const [q, locale] of [['充币没到账', 'zh-CN'], ['deposit not arrived', 'en'], ['입금이 안 돼요', 'ko']] as const) {
      const { items } = await get(`/api/v1/help/search?q=${encodeURIComponent(q)}&locale=${locale}&limit=3`);
      const hit = items.find((h: { slug: string }) => h.slug === 'deposit-not-credited');
      assert.ok(hit, `${q}: ${items.map((h: { slug: string }) => h.slug).join(', ')}`);
      assert.equal(hit.locale, locale);
      assert.equal(hit.url, `/help/${locale}/articles/deposit-not-credited`);
      assert.match(`${hit.titleHtml}${hit.snippet}`, /<mark>/);
    }
  });

  it('suggests titles while the reader types, in their language', async () => {
    const { items } = await get('/api/v1/help/suggest?q=withdr&locale=en');
    assert.ok(items.length > 0);
    for (const s of items) assert.equal(s.locale, 'en');
    assert.ok(items.some((s: { title: string }) => /withdraw/i.test(s.title)));
    const zh = await get(`/api/v1/help/suggest?q=${encodeURIComponent('提币')}&locale=zh-CN`);
    assert.ok(zh.items.some((s: { title: string }) => s.title.includes('提币')));
  });

  it('lists categories with counts, curated top questions, pinned alerts and an article with related ones', async () => {
    const tree = await get('/api/v1/help/categories?locale=ko');
    assert.ok(tree.items.length >= 8);
    const deposit = tree.items.find((c: { slug: string }) => c.slug === 'deposit');
    assert.equal(deposit.title, '입금');
    assert.ok(deposit.articleCount >= 5);

    const top = await get('/api/v1/help/articles?list=top&locale=zh-CN');
    assert.ok(top.items.length >= 8);
    assert.ok(top.items.some((a: { slug: string }) => a.slug === 'deposit-not-credited'));

    const pinned = await get('/api/v1/help/articles?pinned=true&locale=en');
    assert.ok(pinned.items.length >= 1);
    for (const a of pinned.items) assert.notEqual(a.kind, 'article');

    const article = await get('/api/v1/help/articles/deposit-not-credited?locale=ko');
    assert.equal(article.locale, 'ko');
    assert.deepEqual(article.locales, ['en', 'zh-CN', 'ko']);
    assert.ok(article.related.length >= 2);
    assert.equal(article.breadcrumbs.category.slug, 'deposit');

    const section = await get('/api/v1/help/articles?section=deposit-not-credited&locale=en');
    assert.ok(section.items.some((a: { slug: string }) => a.slug === 'deposit-not-credited'));
    assert.deepEqual((await get('/api/v1/help/articles?section=nope&locale=en')).items, []);
    const byCategory = await get('/api/v1/help/articles?category=deposit&locale=en&limit=100');
    assert.ok(byCategory.items.some((a: { slug: string }) => a.slug === 'deposit-not-credited'));
    assert.ok(!byCategory.items.some((a: { slug: string }) => a.slug === 'withdrawal-fees'));
    assert.deepEqual((await get('/api/v1/help/articles?category=nope&locale=en')).items, []);
  });

  it('counts views and ranks the most viewed first', async () => {
    for (let i = 0; i < 3; i++) await get('/api/v1/help/articles/vip-levels?locale=en');
    await helpCenterOf(t.ctx).views.flush();
    const popular = await get('/api/v1/help/articles?list=popular&locale=en&limit=1');
    assert.equal(popular.items[0].slug, 'vip-levels');
    assert.equal(popular.items[0].viewCount, 3);
  });
});
