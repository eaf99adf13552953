import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from './harness.js';

describe('health and errors', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('reports liveness and readiness', async () => {
    assert.equal((await t.http.inject('/healthz')).statusCode, 200);
    const ready = await t.http.inject('/readyz');
    assert.equal(ready.statusCode, 200);
    assert.equal(ready.json().status, 'ready');
  });

  it('answers unknown routes with the error shape', async () => {
    const res = await t.http.inject('/api/v1/nope');
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'not_found');
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.http.inject('/api/openapi.json');
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().info.title, 'LedgerDesk API');
  });

  it('says not ready once the database is gone', async () => {
    const other = await createTestApp();
    await other.ctx.database.close();
    const res = await other.http.inject('/readyz');
    assert.equal(res.statusCode, 503);
    await other.http.close();
  });
});
