import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/harness.js';

describe('console assets', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('serves the shell at /console and at deep links, revalidated, under a strict CSP', async () => {
    for (const url of ['/console', '/console/', '/console/tickets/LD-100001', '/console/inbox?view=mine']) {
      const res = await t.http.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, url);
      assert.match(String(res.headers['content-type']), /^text\/html/);
      assert.equal(res.headers['cache-control'], 'no-cache');
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      assert.equal(res.headers['x-frame-options'], 'DENY');
      assert.match(res.body, /<div id="root"><\/div>/);
      assert.doesNotMatch(res.body, /<script>(?!<\/script>)/, 'no inline script');
    }
  });

  it('serves the hashed assets the shell names for a year, and 404s the rest', async () => {
    const shell = (await t.http.inject({ method: 'GET', url: '/console' })).body;
    const assets = [...shell.matchAll(/(?:src|href)="(\/console\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    assert.ok(assets.some((a) => a.endsWith('.js')), shell);
    for (const url of assets) {
      const res = await t.http.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.match(String(res.headers['content-type']), url.endsWith('.js') ? /^text\/javascript/ : /^text\/css/);
    }
    const missing = await t.http.inject({ method: 'GET', url: '/console/assets/nope-123.js' });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.headers['cache-control'], 'no-store');
  });
});
