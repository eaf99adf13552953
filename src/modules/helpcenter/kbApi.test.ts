import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { agentWithToken } from '../../../test/factories.js';
import { createArticle, createTaxonomy, memoArticle, searchSlugs, type Headers } from './testKit.js';

describe('help-center editing API', () => {
  let t: TestApp;
  let supervisor: Headers;
  let agent: Headers;
  let admin: Headers;
  before(async () => {
    t = await createTestApp();
    supervisor = (await agentWithToken(t.ctx, 'supervisor')).headers;
    agent = (await agentWithToken(t.ctx, 'agent')).headers;
    admin = (await agentWithToken(t.ctx, 'admin')).headers;
    await createTaxonomy(t, supervisor);
  });
  after(() => t.close());

  it('refuses anonymous callers and agents without the right role', async () => {
    const anonymous = await t.http.inject({ method: 'POST', url: '/api/v1/kb/articles', payload: memoArticle });
    assert.equal(anonymous.statusCode, 401);
    assert.equal((await t.http.inject({ url: '/api/v1/kb/articles' })).statusCode, 401);
    const byAgent = await t.http.inject({ method: 'POST', url: '/api/v1/kb/articles', headers: agent, payload: memoArticle });
    assert.equal(byAgent.statusCode, 403);
    assert.equal(byAgent.json().error.code, 'forbidden');
    assert.equal((await t.http.inject({ url: '/api/v1/kb/articles', headers: agent })).statusCode, 200, 'agents read drafts');
    assert.equal((await t.http.inject({ url: '/api/v1/kb/content-gaps', headers: agent })).statusCode, 403);
    const synonyms = await t.http.inject({ method: 'POST', url: '/api/v1/kb/synonyms', headers: supervisor, payload: { terms: ['a1', 'b2'] } });
    assert.equal(synonyms.statusCode, 403, 'synonyms are for admins');
  });

  it('keeps a draft out of search and the public API until it is published, and takes it out when archived', async () => {
    const draft = await createArticle(t, supervisor, { slug: 'memo-lifecycle', title: 'Lifecycle memo zephyrword' }, false);
    assert.deepEqual(await searchSlugs(t, 'zephyrword'), []);
    assert.equal((await t.http.inject({ url: '/api/v1/help/articles/memo-lifecycle' })).statusCode, 404);

    const publish = await t.http.inject({ method: 'POST', url: `/api/v1/kb/articles/${draft.id}/status`, headers: supervisor, payload: { status: 'published' } });
    assert.equal(publish.statusCode, 200, publish.body);
    await t.ctx.relay.drain();
    assert.deepEqual(await searchSlugs(t, 'zephyrword'), ['memo-lifecycle']);
    const page = await t.http.inject({ url: '/api/v1/help/articles/memo-lifecycle?locale=ko' });
    assert.equal(page.statusCode, 200);
    assert.equal(page.json().locale, 'en', 'a Korean reader gets the English text when there is no Korean one');
    assert.equal(page.json().breadcrumbs.category.title, '입금');

    await t.http.inject({ method: 'POST', url: `/api/v1/kb/articles/${draft.id}/status`, headers: supervisor, payload: { status: 'archived' } });
    await t.ctx.relay.drain();
    assert.deepEqual(await searchSlugs(t, 'zephyrword'), []);
    assert.equal((await t.http.inject({ url: '/api/v1/help/articles/memo-lifecycle' })).statusCode, 404);
  });

  it('puts an edit of a published article into search at once and keeps every version with its author', async () => {
    const article = await createArticle(t, supervisor, { slug: 'memo-edit' });
    const en = article.translations.find((x) => x.locale === 'en')!;
    const put = (payload: Record<string, unknown>, locale = 'en') =>
      t.http.inject({ method: 'PUT', url: `/api/v1/kb/articles/${article.id}/translations/${locale}`, headers: supervisor, payload });

    const edited = await put({ ...contentOf(memoArticle), body: 'Now mentions quasarterm.', baseVersionId: en.versionId });
    assert.equal(edited.statusCode, 200, edited.body);
    await t.ctx.relay.drain();
    assert.deepEqual(await searchSlugs(t, 'quasarterm'), ['memo-edit']);

    const stale = await put({ ...contentOf(memoArticle), body: 'Overwrites the other edit.', baseVersionId: en.versionId });
    assert.equal(stale.statusCode, 409, 'a save from an outdated version is refused');
    assert.equal(stale.json().error.field, 'baseVersionId');

    const zh = await put({ title: '充币忘记填写 Memo', summary: '未填写标签的充币需要人工找回。', body: '请提供 TxID 和 UID。', tags: ['标签'], baseVersionId: null }, 'zh-CN');
    assert.equal(zh.statusCode, 201, zh.body);
    await t.ctx.relay.drain();
    assert.ok((await searchSlugs(t, '忘记填写', 'zh-CN')).includes('memo-edit'));

    const versions = await t.http.inject({ url: `/api/v1/kb/articles/${article.id}/versions?locale=en`, headers: agent });
    const items = versions.json().items as { body: string; author: { name: string | null } }[];
    assert.equal(items.length, 2);
    assert.equal(items[0]!.body, 'Now mentions quasarterm.');
    assert.equal(items[0]!.author.name, 'Test Agent');

    const unchanged = await put({ ...contentOf(memoArticle), body: 'Now mentions quasarterm.' });
    assert.equal(unchanged.json().changed, false, 'saving the same text writes no version');
  });

  it('rejects bad input with the field named and writes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ slug: 'Bad Slug!' }, 'slug'],
      [{ section: 'no-such-section' }, 'section'],
      [{ locale: 'xx' }, 'locale'],
      [{ pinned: true }, 'pinned'],
      [{ related: ['missing-article'] }, 'related'],
      [{ title: '' }, 'title'],
      [{ unexpected: 1 }, 'unexpected'],
    ];
    for (const [override, field] of cases) {
      const res = await t.http.inject({ method: 'POST', url: '/api/v1/kb/articles', headers: supervisor, payload: { ...memoArticle, slug: 'bad-input', ...override } });
      assert.equal(res.statusCode, 400, `${JSON.stringify(override)} → ${res.body}`);
      assert.equal(res.json().error.field, field);
    }
    assert.equal(await t.ctx.db.selectFrom('articles').select('id').where('slug', '=', 'bad-input').executeTakeFirst(), undefined);
    await createArticle(t, supervisor, { slug: 'taken-slug' }, false);
    const duplicate = await t.http.inject({ method: 'POST', url: '/api/v1/kb/articles', headers: supervisor, payload: { ...memoArticle, slug: 'taken-slug' } });
    assert.equal(duplicate.statusCode, 409);
  });

  it('lets admins manage synonyms, which every search uses at once', async () => {
    await createArticle(t, supervisor, { slug: 'memo-synonym', title: 'Nebulacoin transfers' });
    assert.deepEqual(await searchSlugs(t, 'stardust'), []);
    const created = await t.http.inject({ method: 'POST', url: '/api/v1/kb/synonyms', headers: admin, payload: { terms: ['nebulacoin', 'stardust'] } });
    assert.equal(created.statusCode, 201, created.body);
    await t.ctx.relay.drain();
    assert.deepEqual(await searchSlugs(t, 'stardust'), ['memo-synonym']);

    const one = await t.http.inject({ method: 'POST', url: '/api/v1/kb/synonyms', headers: admin, payload: { terms: ['Deposit', 'deposit '] } });
    assert.equal(one.statusCode, 400, 'two spellings of one word are not a group');
    assert.equal(one.json().error.field, 'terms');

    const removed = await t.http.inject({ method: 'DELETE', url: `/api/v1/kb/synonyms/${created.json().id}`, headers: admin });
    assert.equal(removed.statusCode, 204);
    await t.ctx.relay.drain();
    assert.deepEqual(await searchSlugs(t, 'stardust'), []);
    const shipped = await t.http.inject({ url: '/api/v1/kb/synonyms', headers: agent });
    assert.ok((shipped.json().items as { terms: string[] }[]).some((g) => g.terms.includes('充币') && g.terms.includes('deposit')), 'default groups are shipped');
  });

  it('renders a preview exactly as readers will see it, without raw HTML', async () => {
    const res = await t.http.inject({
      method: 'POST', url: '/api/v1/kb/preview', headers: agent,
      payload: { body: '# Title\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) ![v](https://youtu.be/dQw4w9WgXcQ)' },
    });
    const html = res.json().html as string;
    assert.match(html, /<h1>Title<\/h1>/);
    assert.ok(!html.includes('<script>'), html);
    assert.ok(!html.includes('href="javascript:'), html);
    assert.match(html, /<iframe src="https:\/\/www\.youtube-nocookie\.com\/embed\/dQw4w9WgXcQ"/);
  });
});

describe('content gaps', () => {
  let t: TestApp;
  let supervisor: Headers;
  before(async () => {
    t = await createTestApp();
    supervisor = (await agentWithToken(t.ctx, 'supervisor')).headers;
    await createTaxonomy(t, supervisor);
    await createArticle(t, supervisor, { slug: 'memo-gaps' });
  });
  after(() => t.close());

  it('ranks searches that found nothing and articles voted unhelpful, with readers\' comments', async () => {
    for (const q of ['staking rewards ETH2', 'Staking  rewards eth2', 'ＳＴＡＫＩＮＧ rewards eth2']) await searchSlugs(t, q);
    await searchSlugs(t, '质押收益', 'zh-CN');
    await searchSlugs(t, 'memo'); // found: not a gap

    const vote = (helpful: boolean, ua: string, comment?: string) =>
      t.http.inject({ method: 'POST', url: '/api/v1/help/articles/memo-gaps/feedback', headers: { 'user-agent': ua }, payload: { locale: 'en', helpful, ...(comment ? { comment } : {}) } });
    assert.equal((await vote(false, 'reader-1', 'Does not say how long recovery takes')).statusCode, 201);
    assert.equal((await vote(false, 'reader-2')).statusCode, 201);
    assert.equal((await vote(true, 'reader-3')).statusCode, 201);
    const again = await vote(true, 'reader-2');
    assert.equal(again.statusCode, 200, 'voting again replaces the vote');
    assert.equal(again.json().replaced, true);

    const report = await t.http.inject({ url: '/api/v1/kb/content-gaps', headers: supervisor });
    assert.equal(report.statusCode, 200);
    const items = report.json().items as Record<string, unknown>[];
    assert.deepEqual(items[0], { ...items[0], kind: 'search', query: 'staking rewards eth2', locale: 'en', count: 3 });
    const unhelpful = items.find((g) => g.kind === 'unhelpful')!;
    assert.equal(unhelpful.slug, 'memo-gaps');
    assert.equal(unhelpful.count, 1);
    assert.equal(unhelpful.helpful, 2);
    assert.deepEqual(unhelpful.comments, ['Does not say how long recovery takes']);
    assert.ok(items.some((g) => g.kind === 'search' && g.query === '质押收益' && g.locale === 'zh-CN'));
    assert.ok(!items.some((g) => g.query === 'memo'));

    const dismissed = await t.http.inject({ method: 'POST', url: '/api/v1/kb/content-gaps/dismiss', headers: supervisor, payload: { locale: 'en', query: 'Staking rewards ETH2' } });
    assert.equal(dismissed.statusCode, 204);
    const after = (await t.http.inject({ url: '/api/v1/kb/content-gaps', headers: supervisor })).json().items as Record<string, unknown>[];
    assert.ok(!after.some((g) => g.query === 'staking rewards eth2'));
  });

  it('validates public feedback and search input', async () => {
    const noVote = await t.http.inject({ method: 'POST', url: '/api/v1/help/articles/memo-gaps/feedback', payload: { locale: 'en' } });
    assert.equal(noVote.statusCode, 400);
    assert.equal(noVote.json().error.field, 'helpful');
    const missing = await t.http.inject({ method: 'POST', url: '/api/v1/help/articles/no-such/feedback', payload: { locale: 'en', helpful: true } });
    assert.equal(missing.statusCode, 404);
    const empty = await t.http.inject({ url: '/api/v1/help/search?q=%20&locale=en' });
    assert.equal(empty.statusCode, 400);
    const badLocale = await t.http.inject({ url: '/api/v1/help/search?q=memo&locale=fr-XX' });
    assert.equal(badLocale.json().error.field, 'query.locale');
    const long = await t.http.inject({ url: `/api/v1/help/search?q=${'memo '.repeat(300)}&locale=en` });
    assert.equal(long.statusCode, 200, 'long queries are cut, not refused');
  });

  it('rate-limits feedback per reader and searching per client, with Retry-After', async () => {
    const vote = () => t.http.inject({ method: 'POST', url: '/api/v1/help/articles/memo-gaps/feedback', headers: { 'user-agent': 'eager-voter' }, payload: { locale: 'en', helpful: true } });
    let status = 0;
    for (let i = 0; i < 21 && status !== 429; i++) status = (await vote()).statusCode;
    assert.equal(status, 429);
    const limited = await vote();
    assert.equal(limited.json().error.code, 'rate_limited');
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.equal((await t.ctx.db.selectFrom('article_feedback').select('id').where('client_hash', 'is not', null).execute()).length > 0, true);

    const search = () => t.http.inject({ url: '/api/v1/help/suggest?q=me&locale=en', remoteAddress: '203.0.113.9' });
    for (let i = 0; i < 600; i++) assert.equal((await search()).statusCode, 200);
    assert.equal((await search()).statusCode, 429);
    assert.equal((await t.http.inject({ url: '/api/v1/help/suggest?q=me&locale=en', remoteAddress: '203.0.113.10' })).statusCode, 200, 'other clients are unaffected');
  });
});

function contentOf(a: typeof memoArticle) {
  return { title: a.title, summary: a.summary, body: a.body, tags: a.tags };
}
