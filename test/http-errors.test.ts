import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from './harness.js';
import { agentWithToken } from './factories.js';

/** Bad input at the HTTP boundary: a clear code naming the problem, never a 500, nothing stored. */
describe('request boundary', () => {
  let t: TestApp;
  let headers: Record<string, string>;
  before(async () => {
    t = await createTestApp({ MAX_JSON_BYTES: '2048' });
    headers = (await agentWithToken(t.ctx)).headers;
  });
  after(() => t.close());

  const post = (payload: string, contentType = 'application/json') =>
    t.http.inject({ method: 'POST', url: '/api/v1/tickets', headers: { ...headers, 'content-type': contentType }, payload });
  const ticketCount = async () => Number((await t.ctx.db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('answers malformed JSON with 400 body_malformed', async () => {
    const res = await post('{"subject": "USDT not credited", ');
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'body_malformed');
  });

  it('answers a URL with broken percent-encoding with 400, JSON for the API and a page for readers', async () => {
    const api = await t.http.inject({ url: '/api/v1/tickets/%E0%A4%A', headers });
    assert.equal(api.statusCode, 400);
    assert.equal(api.json().error.field, 'path');
    const page = await t.http.inject({ url: '/help/en/articles/%E0%A4%A' });
    assert.equal(page.statusCode, 400);
    assert.match(String(page.headers['content-type']), /text\/html/);
  });

  it('answers an oversized JSON body with 413 payload_too_large', async () => {
    const res = await post(JSON.stringify({ subject: 'x', body: 'y'.repeat(4096), category: 'platform' }));
    assert.equal(res.statusCode, 413);
    assert.equal(res.json().error.code, 'payload_too_large');
  });

  it('answers an unsupported content type with 415', async () => {
    const res = await post('<ticket/>', 'application/xml');
    assert.equal(res.statusCode, 415);
    assert.equal(res.json().error.code, 'unsupported_media_type');
  });

  it('names a missing required field and a field of the wrong type', async () => {
    const missing = await post(JSON.stringify({ body: 'y', category: 'platform', customer: { email: 'a@example.test' } }));
    assert.equal(missing.statusCode, 400);
    assert.deepEqual([missing.json().error.code, missing.json().error.field], ['field_required', 'subject']);
    const wrongType = await post(JSON.stringify({ subject: 42, body: 'y', category: 'platform', customer: { email: 'a@example.test' } }));
    assert.deepEqual([wrongType.json().error.code, wrongType.json().error.field], ['field_invalid', 'subject']);
  });

  it('rejects an unknown query parameter on a list, naming it', async () => {
    const res = await t.http.inject({ url: '/api/v1/tickets?colour=red', headers });
    assert.equal(res.statusCode, 400);
    assert.deepEqual([res.json().error.code, res.json().error.field], ['field_unknown', 'query.colour']);
  });

  it('stored nothing for any of the rejected requests', async () => {
    assert.equal(await ticketCount(), 0);
  });
});
