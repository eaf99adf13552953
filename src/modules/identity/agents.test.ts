import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { agentWithToken, createAgent, createApiToken, createSession, TEST_PASSWORD } from '../../../test/factories.js';
import { firstAdminCreator } from './commands/firstAdminCreator.js';

describe('agents, teams, audit log and the first admin', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const asAdminSession = async () => {
    const admin = await createAgent(t.ctx, { role: 'admin' });
    return { admin, ...(await createSession(t.ctx, { type: 'agent', id: admin.id })) };
  };

  it('created the configured first admin once, audited', async () => {
    const admins = await t.ctx.db.selectFrom('agents').selectAll().where('email', '=', t.config.LEDGERDESK_ADMIN_EMAIL).execute();
    assert.equal(admins.length, 1);
    assert.equal(admins[0]!.role, 'admin');
    assert.equal(await firstAdminCreator(t.ctx, () => assert.fail('must not announce again')), false);
    const rows = await t.ctx.db.selectFrom('audit_log').select('action').where('target_id', '=', admins[0]!.id).execute();
    assert.deepEqual(rows.map((r) => r.action), ['agent.created']);
  });

  it('generates and announces a password exactly once, even when two nodes start together', async () => {
    const fresh = await createTestApp({ LEDGERDESK_ADMIN_PASSWORD: '', LEDGERDESK_ADMIN_EMAIL: 'root@desk.test' });
    try {
      // The harness app already bootstrapped with no password: nothing was announced to us, so
      // remove its claim and admin to replay a first start on two "nodes" at once.
      await fresh.ctx.db.deleteFrom('audit_log').execute();
      await fresh.ctx.db.deleteFrom('agents').execute();
      await fresh.ctx.db.deleteFrom('settings').where('key', '=', 'bootstrap.first_admin').execute();
      const said: string[] = [];
      const results = await Promise.all([firstAdminCreator(fresh.ctx, (s) => said.push(s)), firstAdminCreator(fresh.ctx, (s) => said.push(s))]);
      assert.deepEqual(results.sort(), [false, true]);
      assert.equal(said.length, 1);
      const password = /Password: (\S+)/.exec(said[0]!)?.[1];
      assert.ok(password && password.length >= 16);
      assert.match(said[0]!, /shown ONCE/);
      const login = await fresh.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'root@desk.test', password } });
      assert.equal(login.statusCode, 200);
      assert.equal(login.json().stage, 'enrolment_required');
      assert.equal(await firstAdminCreator(fresh.ctx, (s) => said.push(s)), false);
      assert.equal(said.length, 1);
    } finally {
      await fresh.close();
    }
  });

  it('lists agents: 401 anonymous, 403 for an agent, read-only for a supervisor, 200 for an admin with a cursor', async () => {
    assert.equal((await t.http.inject({ url: '/api/v1/agents' })).statusCode, 401);
    const plain = await agentWithToken(t.ctx, 'agent');
    const denied = await t.http.inject({ url: '/api/v1/agents', headers: plain.headers });
    assert.equal(denied.statusCode, 403);
    assert.equal(denied.json().error.code, 'forbidden');
    const sup = await agentWithToken(t.ctx, 'supervisor');
    const listed = await t.http.inject({ url: '/api/v1/agents?limit=100', headers: sup.headers });
    assert.equal(listed.statusCode, 200);
    assert.ok(listed.json().items.some((a: { id: string }) => a.id === plain.agent.id));
    // Reading the list is all: one agent's record and every change stay with admins.
    assert.equal((await t.http.inject({ url: `/api/v1/agents/${plain.agent.id}`, headers: sup.headers })).statusCode, 403);
    const rename = await t.http.inject({ method: 'PATCH', url: `/api/v1/agents/${plain.agent.id}`, headers: sup.headers, payload: { name: 'Renamed' } });
    assert.equal(rename.statusCode, 403);
    const { headers } = await agentWithToken(t.ctx, 'admin');
    for (let i = 0; i < 3; i++) await createAgent(t.ctx);
    const first = await t.http.inject({ url: '/api/v1/agents?limit=2', headers });
    assert.equal(first.statusCode, 200);
    assert.equal(first.json().items.length, 2);
    assert.equal(first.json().items[0].password_hash, undefined);
    const next = await t.http.inject({ url: `/api/v1/agents?limit=2&cursor=${first.json().nextCursor}`, headers });
    assert.equal(next.statusCode, 200);
    assert.notEqual(next.json().items[0].id, first.json().items[1].id);
    assert.equal((await t.http.inject({ url: '/api/v1/agents?cursor=bogus', headers })).json().error.code, 'cursor_invalid');
  });

  it('creates agents with a generated password returned once', async () => {
    const body = { email: `New-${Date.now()}@Example.test`, name: 'New Agent', role: 'agent' };
    assert.equal((await t.http.inject({ method: 'POST', url: '/api/v1/agents', payload: body })).statusCode, 401);
    const plain = await agentWithToken(t.ctx, 'agent');
    assert.equal((await t.http.inject({ method: 'POST', url: '/api/v1/agents', headers: plain.headers, payload: body })).statusCode, 403);
    const s = await asAdminSession();
    const res = await t.http.inject({ method: 'POST', url: '/api/v1/agents', cookies: s.cookies, headers: s.headers, payload: body });
    assert.equal(res.statusCode, 201);
    assert.equal(res.json().agent.email, body.email.toLowerCase());
    const password = res.json().password as string;
    const login = await t.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: body.email, password }, remoteAddress: '10.9.0.1' });
    assert.equal(login.statusCode, 200);
    const dup = await t.http.inject({ method: 'POST', url: '/api/v1/agents', cookies: s.cookies, headers: s.headers, payload: body });
    assert.equal(dup.statusCode, 409);
    const extra = await t.http.inject({ method: 'POST', url: '/api/v1/agents', cookies: s.cookies, headers: s.headers, payload: { ...body, isRoot: true } });
    assert.equal(extra.json().error.code, 'field_unknown');
  });

  it('disabling an agent cuts their sessions and tokens at once', async () => {
    const victim = await createAgent(t.ctx);
    const session = await createSession(t.ctx, { type: 'agent', id: victim.id });
    const token = await createApiToken(t.ctx, victim.id);
    assert.equal((await t.http.inject({ url: '/api/v1/auth/me', headers: token })).statusCode, 200);
    const s = await asAdminSession();
    const res = await t.http.inject({ method: 'PATCH', url: `/api/v1/agents/${victim.id}`, ...s, payload: { disabled: true } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().agent.disabled, true);
    assert.equal((await t.http.inject({ url: '/api/v1/auth/me', headers: token })).statusCode, 401);
    assert.equal((await t.http.inject({ url: '/api/v1/auth/me', cookies: session.cookies })).statusCode, 401);
    const login = await t.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: victim.email, password: TEST_PASSWORD }, remoteAddress: '10.9.0.2' });
    assert.equal(login.statusCode, 401);
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'agent.updated').where('target_id', '=', victim.id).executeTakeFirstOrThrow();
    assert.equal(audit.actor_id, s.admin.id);
    assert.equal(audit.ip, '127.0.0.1');
  });

  it('refuses to demote or disable the last active admin', async () => {
    const solo = await createTestApp();
    try {
      const admins = await solo.ctx.db.selectFrom('agents').select('id').where('role', '=', 'admin').execute();
      assert.equal(admins.length, 1);
      const only = admins[0]!;
      const headers = await createApiToken(solo.ctx, only.id);
      const demote = await solo.http.inject({ method: 'PATCH', url: `/api/v1/agents/${only.id}`, headers, payload: { role: 'agent' } });
      assert.equal(demote.statusCode, 409);
      const disable = await solo.http.inject({ method: 'PATCH', url: `/api/v1/agents/${only.id}`, headers, payload: { disabled: true } });
      assert.equal(disable.statusCode, 409);
      const second = await createAgent(solo.ctx, { role: 'admin' });
      const ok = await solo.http.inject({ method: 'PATCH', url: `/api/v1/agents/${second.id}`, headers, payload: { role: 'supervisor', name: 'Renamed' } });
      assert.equal(ok.statusCode, 200);
      assert.equal(ok.json().agent.role, 'supervisor');
      assert.equal((await solo.http.inject({ method: 'PATCH', url: `/api/v1/agents/${only.id}`, headers, payload: { role: 'agent' } })).statusCode, 409);
    } finally {
      await solo.close();
    }
  });

  it('resets an agent\'s 2FA (admins only)', async () => {
    const target = await createAgent(t.ctx);
    await t.ctx.db.updateTable('agents').set({ totp_enabled: 1, totp_secret: 'v1.x.y.z' }).where('id', '=', target.id).execute();
    assert.equal((await t.http.inject({ method: 'POST', url: `/api/v1/agents/${target.id}/reset-2fa` })).statusCode, 401);
    const sup = await agentWithToken(t.ctx, 'supervisor');
    assert.equal((await t.http.inject({ method: 'POST', url: `/api/v1/agents/${target.id}/reset-2fa`, headers: sup.headers })).statusCode, 403);
    const { headers } = await agentWithToken(t.ctx, 'admin');
    const res = await t.http.inject({ method: 'POST', url: `/api/v1/agents/${target.id}/reset-2fa`, headers });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().agent.totpEnabled, false);
    const missing = await t.http.inject({ method: 'POST', url: `/api/v1/agents/0190a0a0-0000-7000-8000-000000000000/reset-2fa`, headers });
    assert.equal(missing.statusCode, 404);
  });

  it('teams: agents list, supervisors create and rename', async () => {
    assert.equal((await t.http.inject({ url: '/api/v1/teams' })).statusCode, 401);
    const agent = await agentWithToken(t.ctx, 'agent');
    assert.equal((await t.http.inject({ method: 'POST', url: '/api/v1/teams', headers: agent.headers, payload: { name: 'VIP' } })).statusCode, 403);
    const sup = await agentWithToken(t.ctx, 'supervisor');
    const created = await t.http.inject({ method: 'POST', url: '/api/v1/teams', headers: sup.headers, payload: { name: `KYC ${Date.now()}` } });
    assert.equal(created.statusCode, 201);
    const id = created.json().team.id as string;
    const dup = await t.http.inject({ method: 'POST', url: '/api/v1/teams', headers: sup.headers, payload: { name: created.json().team.name } });
    assert.equal(dup.statusCode, 409);
    assert.equal((await t.http.inject({ method: 'PATCH', url: `/api/v1/teams/${id}`, headers: agent.headers, payload: { name: 'x' } })).statusCode, 403);
    const renamed = await t.http.inject({ method: 'PATCH', url: `/api/v1/teams/${id}`, headers: sup.headers, payload: { name: `Deposits ${Date.now()}` } });
    assert.equal(renamed.statusCode, 200);
    const list = await t.http.inject({ url: '/api/v1/teams', headers: agent.headers });
    assert.ok(list.json().items.some((team: { id: string }) => team.id === id));
  });

  it('audit log: supervisors by session, admin-scoped tokens, filters and cursor', async () => {
    assert.equal((await t.http.inject({ url: '/api/v1/audit-log' })).statusCode, 401);
    const agentSession = await createSession(t.ctx, { type: 'agent', id: (await createAgent(t.ctx)).id });
    assert.equal((await t.http.inject({ url: '/api/v1/audit-log', cookies: agentSession.cookies })).statusCode, 403);
    const supToken = await agentWithToken(t.ctx, 'supervisor');
    assert.equal((await t.http.inject({ url: '/api/v1/audit-log', headers: supToken.headers })).statusCode, 403);
    const admin = await createAgent(t.ctx, { role: 'admin' });
    const narrowToken = await createApiToken(t.ctx, admin.id, ['tickets:read']);
    assert.equal((await t.http.inject({ url: '/api/v1/audit-log', headers: narrowToken })).statusCode, 403);

    const actor = await createAgent(t.ctx);
    for (let i = 0; i < 3; i++) {
      await t.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: actor.email, password: 'wrong' }, remoteAddress: '10.9.1.1' });
    }
    const sup = await createAgent(t.ctx, { role: 'supervisor' });
    const supSession = await createSession(t.ctx, { type: 'agent', id: sup.id });
    const page1 = await t.http.inject({ url: `/api/v1/audit-log?actorId=${actor.id}&action=login.failed&limit=2`, cookies: supSession.cookies });
    assert.equal(page1.statusCode, 200);
    assert.equal(page1.json().items.length, 2);
    assert.equal(page1.json().items[0].ip, '10.9.1.1');
    const page2 = await t.http.inject({ url: `/api/v1/audit-log?actorId=${actor.id}&action=login.failed&limit=2&cursor=${page1.json().nextCursor}`, cookies: supSession.cookies });
    assert.equal(page2.json().items.length, 1);
    assert.equal(page2.json().nextCursor, null);
    const adminToken = await createApiToken(t.ctx, admin.id, ['admin']);
    assert.equal((await t.http.inject({ url: '/api/v1/audit-log?limit=1', headers: adminToken })).statusCode, 200);
    assert.equal((await t.http.inject({ url: '/api/v1/audit-log?limit=101', headers: adminToken })).statusCode, 400);
  });
});
