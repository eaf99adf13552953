import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { agentWithToken } from '../../../test/factories.js';
import { ticketBody } from './testKit.js';

describe('Idempotency-Key on creates', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const count = async () => Number((await t.ctx.db.selectFrom('tickets').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('replays the first response for the same key and body, once', async () => {
    const { headers } = await agentWithToken(t.ctx);
    const payload = ticketBody();
    const key = { ...headers, 'idempotency-key': 'create-7f3a9c' };
    const first = await t.http.inject({ method: 'POST', url: '/api/v1/tickets', headers: key, payload });
    assert.equal(first.statusCode, 201, first.body);
    const before = await count();
    const second = await t.http.inject({ method: 'POST', url: '/api/v1/tickets', headers: key, payload });
    assert.equal(second.statusCode, 201);
    assert.equal(second.headers['idempotent-replayed'], 'true');
    assert.equal(second.json().number, first.json().number);
    assert.equal(await count(), before, 'no second ticket');
    assert.equal(first.headers['idempotent-replayed'], undefined);
  });

  it('refuses the same key with a different body (422) and malformed keys (400)', async () => {
    const { headers } = await agentWithToken(t.ctx);
    const key = { ...headers, 'idempotency-key': 'reuse-me' };
    assert.equal((await t.http.inject({ method: 'POST', url: '/api/v1/tickets', headers: key, payload: ticketBody() })).statusCode, 201);
    const reused = await t.http.inject({ method: 'POST', url: '/api/v1/tickets', headers: key, payload: ticketBody({ subject: 'Another problem' }) });
    assert.equal(reused.statusCode, 422);
    assert.equal(reused.json().error.code, 'idempotency_key_reused');

    const bad = await t.http.inject({ method: 'POST', url: '/api/v1/tickets', headers: { ...headers, 'idempotency-key': 'has space' }, payload: ticketBody() });
    assert.deepEqual([bad.statusCode, bad.json().error.code, bad.json().error.field], [400, 'field_invalid', 'Idempotency-Key']);
    const long = await t.http.inject({ method: 'POST', url: '/api/v1/tickets', headers: { ...headers, 'idempotency-key': 'k'.repeat(256) }, payload: ticketBody() });
    assert.equal(long.statusCode, 400);
  });

  it('scopes keys per caller and releases a key when the request failed', async () => {
    const a = await agentWithToken(t.ctx);
    const b = await agentWithToken(t.ctx);
    const payload = ticketBody();
    const r1 = await t.http.inject({ method: 'POST', url: '/api/v1/tickets', headers: { ...a.headers, 'idempotency-key': 'shared' }, payload });
    const r2 = await t.http.inject({ method: 'POST', url: '/api/v1/tickets', headers: { ...b.headers, 'idempotency-key': 'shared' }, payload });
    assert.equal(r2.statusCode, 201);
    assert.notEqual(r1.json().number, r2.json().number);

    const failing = ticketBody({ assigneeId: '01890000-0000-7000-8000-000000000000' });
    const failed = await t.http.inject({ method: 'POST', url: '/api/v1/tickets', headers: { ...a.headers, 'idempotency-key': 'retry-after-fix' }, payload: failing });
    assert.equal(failed.statusCode, 400);
    const fixed = await t.http.inject({ method: 'POST', url: '/api/v1/tickets', headers: { ...a.headers, 'idempotency-key': 'retry-after-fix' }, payload: ticketBody() });
    assert.equal(fixed.statusCode, 201);
  });

  it('runs concurrent retries of one key only once', async () => {
    const { headers } = await agentWithToken(t.ctx);
    const payload = ticketBody();
    const before = await count();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => t.http.inject({ method: 'POST', url: '/api/v1/tickets', headers: { ...headers, 'idempotency-key': 'burst' }, payload })),
    );
    assert.equal(await count(), before + 1);
    const ok = results.filter((r) => r.statusCode === 201);
    assert.ok(ok.length >= 1);
    assert.equal(new Set(ok.map((r) => r.json().number)).size, 1);
    for (const r of results) assert.ok(r.statusCode === 201 || r.json().error.code === 'idempotency_in_progress', r.body);
  });
});
