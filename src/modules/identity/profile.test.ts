import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { createAgent, createCustomer, createSession } from '../../../test/factories.js';

describe('PATCH /api/v1/auth/me', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const patch = (payload: unknown, session?: { cookies: Record<string, string>; headers: Record<string, string> }) =>
    t.http.inject({ method: 'PATCH', url: '/api/v1/auth/me', payload: payload as Record<string, unknown>, ...(session ?? {}) });

  it('answers 401 without a session and 403 to a customer', async () => {
    const anon = await patch({ locale: 'ko' });
    assert.equal(anon.statusCode, 401);
    assert.equal(anon.json().error.code, 'unauthenticated');
    const customer = await createCustomer(t.ctx);
    const res = await patch({ locale: 'ko' }, await createSession(t.ctx, { type: 'customer', id: customer.id }));
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'forbidden');
  });

  it('keeps the agent’s console language, and refuses other languages and fields', async () => {
    const agent = await createAgent(t.ctx);
    const session = await createSession(t.ctx, { type: 'agent', id: agent.id });
    const res = await patch({ locale: 'zh-CN' }, session);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().agent.locale, 'zh-CN');
    const me = await t.http.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: session.cookies });
    assert.equal(me.json().agent.locale, 'zh-CN');

    const bad = await patch({ locale: 'fr' }, session);
    assert.deepEqual([bad.statusCode, bad.json().error.code, bad.json().error.field], [400, 'field_invalid', 'locale']);
    const role = await patch({ locale: 'en', role: 'admin' }, session);
    assert.deepEqual([role.statusCode, role.json().error.code], [400, 'field_unknown']);
    const noCsrf = await patch({ locale: 'en' }, { cookies: session.cookies, headers: {} });
    assert.equal(noCsrf.json().error.code, 'csrf_failed');
  });
});
