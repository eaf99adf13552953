import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { agentWithToken, createAgent, createApiToken, createSession } from '../../../test/factories.js';

describe('API tokens', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const create = (auth: { cookies?: Record<string, string>; headers?: Record<string, string> }, payload: unknown) =>
    t.http.inject({ method: 'POST', url: '/api/v1/api-tokens', ...auth, payload: payload as Record<string, unknown> });

  it('creates a token from a session and shows the raw value once', async () => {
    assert.equal((await create({}, { name: 'x', scopes: ['tickets:read'] })).statusCode, 401);
    const viaToken = await agentWithToken(t.ctx, 'admin');
    const refused = await create({ headers: viaToken.headers }, { name: 'x', scopes: ['tickets:read'] });
    assert.equal(refused.statusCode, 403);

    const agent = await createAgent(t.ctx);
    const s = await createSession(t.ctx, { type: 'agent', id: agent.id });
    const res = await create(s, { name: 'exchange backend', scopes: ['customers:read'], expiresInDays: 30 });
    assert.equal(res.statusCode, 201);
    const { token, apiToken } = res.json();
    assert.match(token, /^ldk_[A-Za-z0-9_-]{43}$/);
    assert.equal(apiToken.prefix, token.slice(0, 10));
    assert.equal(JSON.stringify(apiToken).includes(token), false);
    assert.ok(apiToken.expiresAt);

    const list = await t.http.inject({ url: '/api/v1/api-tokens', cookies: s.cookies });
    assert.equal(list.statusCode, 200);
    assert.deepEqual(list.json().items.map((i: { id: string }) => i.id), [apiToken.id]);
    assert.equal(JSON.stringify(list.json()).includes('token_hash'), false);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'ip']).where('target_id', '=', apiToken.id).executeTakeFirstOrThrow();
    assert.deepEqual(audit, { action: 'token.created', ip: '127.0.0.1' });
  });

  it('refuses scopes beyond the creator\'s role (field scopes)', async () => {
    const agent = await createAgent(t.ctx, { role: 'supervisor' });
    const s = await createSession(t.ctx, { type: 'agent', id: agent.id });
    const res = await create(s, { name: 'too much', scopes: ['tickets:read', 'admin'] });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'field_invalid');
    assert.equal(res.json().error.field, 'scopes');
    const unknown = await create(s, { name: 'bogus', scopes: ['root'] });
    assert.equal(unknown.statusCode, 400);
  });

  it('enforces scopes and makes revocation effective on the next request', async () => {
    const agent = await createAgent(t.ctx);
    const s = await createSession(t.ctx, { type: 'agent', id: agent.id });
    const res = await create(s, { name: 'read only', scopes: ['customers:read'] });
    const bearer = { authorization: `Bearer ${res.json().token}` };
    assert.equal((await t.http.inject({ url: '/api/v1/customers', headers: bearer })).statusCode, 200);
    const write = await t.http.inject({ method: 'POST', url: '/api/v1/customers', headers: bearer, payload: { email: 'a@b.test' } });
    assert.equal(write.statusCode, 403);

    const other = await agentWithToken(t.ctx);
    const stranger = await t.http.inject({ method: 'DELETE', url: `/api/v1/api-tokens/${res.json().apiToken.id}`, headers: other.headers });
    assert.equal(stranger.statusCode, 404);
    assert.equal((await t.http.inject({ method: 'DELETE', url: `/api/v1/api-tokens/${res.json().apiToken.id}` })).statusCode, 401);

    const revoke = await t.http.inject({ method: 'DELETE', url: `/api/v1/api-tokens/${res.json().apiToken.id}`, ...s });
    assert.equal(revoke.statusCode, 204);
    const after = await t.http.inject({ url: '/api/v1/customers', headers: bearer });
    assert.equal(after.statusCode, 401);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('target_id', '=', res.json().apiToken.id).orderBy('id').execute();
    assert.deepEqual(audit.map((a) => a.action), ['token.created', 'token.revoked']);
  });

  it('lets admins see and revoke every token; others only their own', async () => {
    const owner = await createAgent(t.ctx);
    await createApiToken(t.ctx, owner.id);
    const ownerRow = await t.ctx.db.selectFrom('api_tokens').select('id').where('agent_id', '=', owner.id).executeTakeFirstOrThrow();
    const peer = await agentWithToken(t.ctx);
    const peerList = await t.http.inject({ url: '/api/v1/api-tokens', headers: peer.headers });
    assert.equal(peerList.json().items.some((i: { id: string }) => i.id === ownerRow.id), false);
    const admin = await agentWithToken(t.ctx, 'admin');
    let found = false;
    let cursor: string | null = null;
    do {
      const page: { json(): { items: Array<{ id: string }>; nextCursor: string | null } } = await t.http.inject({ url: `/api/v1/api-tokens?limit=100${cursor ? `&cursor=${cursor}` : ''}`, headers: admin.headers });
      found ||= page.json().items.some((i) => i.id === ownerRow.id);
      cursor = page.json().nextCursor;
    } while (cursor);
    assert.ok(found);
    assert.equal((await t.http.inject({ method: 'DELETE', url: `/api/v1/api-tokens/${ownerRow.id}`, headers: admin.headers })).statusCode, 204);
  });
});
