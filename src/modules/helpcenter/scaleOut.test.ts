import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { agentWithToken } from '../../../test/factories.js';
import { redisSkip, redisUrl } from '../../../test/redis.js';
import { createArticle, createTaxonomy, searchSlugs, type Headers } from './testKit.js';

/** Polls until `check` passes: the other node hears of the change through Redis, not through us. */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  assert.fail(`never converged: ${what}`);
}

describe('help-center search on two nodes', async () => {
  const skip = await redisSkip();
  let a: TestApp;
  let b: TestApp;
  let editor: Headers;
  before(async () => {
    if (skip) return;
    a = await createTestApp({ REDIS_URL: redisUrl });
    b = await createTestApp({ REDIS_URL: redisUrl }, { sameDatabaseAs: a });
    editor = (await agentWithToken(a.ctx, 'admin')).headers;
    await createTaxonomy(a, editor);
  });
  after(async () => {
    await a?.close();
    await b?.close();
  });

  it('converges on publish, edit, archive and synonyms made on the other node', { skip }, async () => {
    const article = await createArticle(a, editor, { slug: 'two-nodes', title: 'Pulsarterm deposits' });
    await eventually(async () => (await searchSlugs(b, 'pulsarterm')).includes('two-nodes'), 'publish');

    const put = await a.http.inject({
      method: 'PUT', url: `/api/v1/kb/articles/${article.id}/translations/ko`, headers: editor,
      payload: { title: '펄서텀 입금 안내', summary: '입금 방법', body: '메모를 꼭 입력하세요.', tags: [] },
    });
    assert.equal(put.statusCode, 201, put.body);
    await eventually(async () => (await searchSlugs(b, '펄서텀', 'ko')).includes('two-nodes'), 'new translation');

    await a.http.inject({ method: 'POST', url: '/api/v1/kb/synonyms', headers: editor, payload: { terms: ['pulsarterm', 'quasimodo'] } });
    await eventually(async () => (await searchSlugs(b, 'quasimodo')).includes('two-nodes'), 'synonyms');

    await a.http.inject({ method: 'POST', url: `/api/v1/kb/articles/${article.id}/status`, headers: editor, payload: { status: 'archived' } });
    await eventually(async () => (await searchSlugs(b, 'pulsarterm')).length === 0, 'archive');
  });

  it('builds the index from the database when a node starts', { skip }, async () => {
    await createArticle(a, editor, { slug: 'before-start', title: 'Magnetarword guide' });
    const c = await createTestApp({ REDIS_URL: redisUrl }, { sameDatabaseAs: a });
    try {
      assert.deepEqual(await searchSlugs(c, 'magnetarword'), ['before-start']);
    } finally {
      await c.close();
    }
  });
});
