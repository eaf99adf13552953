import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as OTPAuth from 'otpauth';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { agentWithToken, createAgent, createSession, TEST_PASSWORD } from '../../../test/factories.js';
import { SESSION_COOKIE } from './http/authenticate.js';

let ipSeq = 0;
/** Each test signs in from its own address so per-IP counters never mix between tests. */
const freshIp = () => `10.1.${Math.floor(++ipSeq / 250)}.${(ipSeq % 250) + 1}`;

const codeAt = (secret: string, offsetSteps = 0) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + offsetSteps * 30_000 });

describe('console sign-in', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const login = (email: string, password: string, ip = '10.0.0.1') =>
    t.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: ip, headers: { 'user-agent': 'auth-test' } });
  const sessionOf = (res: { cookies: Array<{ name: string; value: string }> }) => res.cookies.find((c) => c.name === SESSION_COOKIE)!.value;

  /** Enrols TOTP for an agent through the API and returns the secret and recovery codes. */
  async function enrol(agentId: string) {
    const s = await createSession(t.ctx, { type: 'agent', id: agentId });
    const setup = await t.http.inject({ method: 'POST', url: '/api/v1/auth/2fa/setup', cookies: s.cookies, headers: s.headers });
    assert.equal(setup.statusCode, 200);
    const { secret, otpauthUri } = setup.json() as { secret: string; otpauthUri: string };
    assert.match(otpauthUri, /^otpauth:\/\/totp\/LedgerDesk:/);
    const enable = await t.http.inject({ method: 'POST', url: '/api/v1/auth/2fa/enable', cookies: s.cookies, headers: s.headers, payload: { code: codeAt(secret) } });
    assert.equal(enable.statusCode, 200);
    const codes = enable.json().recoveryCodes as string[];
    assert.equal(codes.length, 10);
    return { secret, codes };
  }

  it('signs in with a secure session cookie and answers /me', async () => {
    const agent = await createAgent(t.ctx, { email: `login-${Date.now()}@example.test` });
    const res = await login(agent.email.toUpperCase(), TEST_PASSWORD, freshIp());
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.stage, 'full');
    assert.equal(body.agent.id, agent.id);
    assert.equal(body.agent.password_hash, undefined);
    assert.equal(JSON.stringify(body).includes('password_hash'), false);
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!;
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.equal(cookie.path, '/');
    assert.notEqual(cookie.secure, true);
    const me = await t.http.inject({ url: '/api/v1/auth/me', cookies: { [SESSION_COOKIE]: cookie.value } });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().agent.id, agent.id);
    assert.equal(me.json().csrfToken, body.csrfToken);
    assert.equal(me.json().abilities.manageAgents, false);
    assert.equal(me.json().abilities.updateTickets, true);
  });

  it('marks the session cookie Secure when PUBLIC_URL is https', async () => {
    const https = await createTestApp({ PUBLIC_URL: 'https://desk.example' });
    try {
      const agent = await createAgent(https.ctx);
      const res = await https.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: agent.email, password: TEST_PASSWORD } });
      assert.equal(res.statusCode, 200);
      assert.equal(res.cookies.find((c) => c.name === SESSION_COOKIE)!.secure, true);
    } finally {
      await https.close();
    }
  });

  it('answers /me with 401 without credentials', async () => {
    const res = await t.http.inject({ url: '/api/v1/auth/me' });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error.code, 'unauthenticated');
  });

  it('gives identical answers for an unknown account, a wrong password and a disabled agent', async () => {
    const agent = await createAgent(t.ctx);
    const disabled = await createAgent(t.ctx);
    await t.ctx.db.updateTable('agents').set({ disabled: 1 }).where('id', '=', disabled.id).execute();
    const ip = freshIp();
    const wrong = await login(agent.email, 'not the password', ip);
    const unknown = await login(`nobody-${Date.now()}@example.test`, 'not the password', ip);
    const off = await login(disabled.email, TEST_PASSWORD, ip);
    assert.equal(wrong.statusCode, 401);
    for (const other of [unknown, off]) {
      assert.equal(other.statusCode, wrong.statusCode);
      assert.deepEqual(other.json(), wrong.json());
      assert.equal(other.cookies.length, 0);
    }
  });

  it('locks an account after 5 failures with Retry-After, even for the right password and for unknown emails', async () => {
    const agent = await createAgent(t.ctx);
    const ghost = `ghost-${Date.now()}@example.test`;
    const answers = [];
    for (let i = 0; i < 5; i++) {
      answers.push((await login(agent.email, `wrong-${i}`, freshIp())).statusCode);
      await login(ghost, `wrong-${i}`, freshIp());
    }
    assert.deepEqual(answers.slice(0, 4), [401, 401, 401, 401]);
    assert.equal(answers[4], 429);
    const locked = await login(agent.email, TEST_PASSWORD, freshIp());
    const ghostLocked = await login(ghost, 'whatever', freshIp());
    assert.equal(locked.statusCode, 429);
    assert.equal(locked.json().error.code, 'rate_limited');
    assert.ok(Number(locked.headers['retry-after']) > 0);
    assert.equal(ghostLocked.statusCode, 429);
    assert.deepEqual(ghostLocked.json(), locked.json());
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'login.locked').execute();
    assert.ok(audit.length >= 2);
  });

  it('resets the account counter after a successful sign-in', async () => {
    const agent = await createAgent(t.ctx);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++) assert.equal((await login(agent.email, 'nope', freshIp())).statusCode, 401);
      assert.equal((await login(agent.email, TEST_PASSWORD, freshIp())).statusCode, 200);
    }
  });

  it('throttles one address trying many accounts', async () => {
    const ip = freshIp();
    const statuses = [];
    for (let i = 0; i < 20; i++) statuses.push((await login(`spray-${i}-${Date.now()}@example.test`, 'pw', ip)).statusCode);
    assert.equal(statuses.filter((s) => s === 401).length, 19);
    assert.equal(statuses[19], 429);
    const agent = await createAgent(t.ctx);
    const res = await login(agent.email, TEST_PASSWORD, ip);
    assert.equal(res.statusCode, 429);
    assert.ok(res.headers['retry-after']);
    assert.equal((await login(agent.email, TEST_PASSWORD, freshIp())).statusCode, 200);
  });

  it('writes audit rows with the address and user agent', async () => {
    const agent = await createAgent(t.ctx);
    const ip = freshIp();
    await login(agent.email, 'wrong', ip);
    await login(agent.email, TEST_PASSWORD, ip);
    const rows = await t.ctx.db.selectFrom('audit_log').selectAll().where('actor_id', '=', agent.id).orderBy('id').execute();
    assert.deepEqual(rows.map((r) => r.action), ['login.failed', 'login.succeeded']);
    for (const row of rows) {
      assert.equal(row.ip, ip);
      assert.equal(row.user_agent, 'auth-test');
    }
  });

  it('requires a TOTP code after the password, rotates the session and refuses a reused code', async () => {
    const agent = await createAgent(t.ctx);
    const { secret } = await enrol(agent.id);
    const first = await login(agent.email, TEST_PASSWORD, freshIp());
    assert.equal(first.statusCode, 200);
    assert.equal(first.json().stage, 'totp_required');
    const pending = { cookies: { [SESSION_COOKIE]: sessionOf(first) }, headers: { 'x-csrf-token': first.json().csrfToken as string } };
    const me = await t.http.inject({ url: '/api/v1/auth/me', cookies: pending.cookies });
    assert.equal(me.statusCode, 403);
    assert.equal(me.json().error.code, 'second_factor_required');
    const bad = await t.http.inject({ method: 'POST', url: '/api/v1/auth/login/totp', ...pending, payload: { code: '000000' === codeAt(secret, 1) ? '111111' : '000000' } });
    assert.equal(bad.statusCode, 400);
    const code = codeAt(secret, 1);
    const ok = await t.http.inject({ method: 'POST', url: '/api/v1/auth/login/totp', ...pending, payload: { code } });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().stage, 'full');
    const rotated = sessionOf(ok);
    assert.notEqual(rotated, pending.cookies[SESSION_COOKIE]);
    assert.equal((await t.http.inject({ url: '/api/v1/auth/me', cookies: pending.cookies })).statusCode, 401);
    assert.equal((await t.http.inject({ url: '/api/v1/auth/me', cookies: { [SESSION_COOKIE]: rotated } })).statusCode, 200);

    // The same code again, in a second sign-in inside its window: refused.
    const second = await login(agent.email, TEST_PASSWORD, freshIp());
    const again = await t.http.inject({
      method: 'POST', url: '/api/v1/auth/login/totp', cookies: { [SESSION_COOKIE]: sessionOf(second) }, headers: { 'x-csrf-token': second.json().csrfToken }, payload: { code },
    });
    assert.equal(again.statusCode, 400);
    assert.equal(again.json().error.field, 'code');
  });

  it('accepts each recovery code once', async () => {
    const agent = await createAgent(t.ctx);
    const { codes } = await enrol(agent.id);
    const attempt = async (code: string) => {
      const res = await login(agent.email, TEST_PASSWORD, freshIp());
      return t.http.inject({ method: 'POST', url: '/api/v1/auth/login/totp', cookies: { [SESSION_COOKIE]: sessionOf(res) }, headers: { 'x-csrf-token': res.json().csrfToken }, payload: { code } });
    };
    assert.equal((await attempt(codes[0]!.toLowerCase())).statusCode, 200);
    assert.equal((await attempt(codes[0]!)).statusCode, 400);
    assert.equal((await attempt(codes[1]!)).statusCode, 200);
    const used = await t.ctx.db.selectFrom('audit_log').select('action').where('actor_id', '=', agent.id).where('action', '=', 'recovery_code.used').execute();
    assert.equal(used.length, 2);
  });

  it('locks second-factor checks after 5 wrong codes', async () => {
    const agent = await createAgent(t.ctx);
    const { secret } = await enrol(agent.id);
    const res = await login(agent.email, TEST_PASSWORD, freshIp());
    const pending = { cookies: { [SESSION_COOKIE]: sessionOf(res) }, headers: { 'x-csrf-token': res.json().csrfToken as string } };
    const valid = new Set([codeAt(secret, -1), codeAt(secret), codeAt(secret, 1)]);
    const wrong = ['123456', '654321', '111111', '222222', '333333', '444444', '555555'].filter((c) => !valid.has(c));
    const statuses = [];
    for (const code of wrong.slice(0, 5)) statuses.push((await t.http.inject({ method: 'POST', url: '/api/v1/auth/login/totp', ...pending, payload: { code } })).statusCode);
    assert.deepEqual(statuses, [400, 400, 400, 400, 429]);
    const locked = await t.http.inject({ method: 'POST', url: '/api/v1/auth/login/totp', ...pending, payload: { code: codeAt(secret, 1) } });
    assert.equal(locked.statusCode, 429);
    assert.ok(locked.headers['retry-after']);
  });

  it('makes a role that requires 2FA enrol before anything else works', async () => {
    const admin = await createAgent(t.ctx, { role: 'admin' });
    const res = await login(admin.email, TEST_PASSWORD, freshIp());
    assert.equal(res.json().stage, 'enrolment_required');
    const pending = { cookies: { [SESSION_COOKIE]: sessionOf(res) }, headers: { 'x-csrf-token': res.json().csrfToken as string } };
    assert.equal((await t.http.inject({ url: '/api/v1/agents', cookies: pending.cookies })).json().error.code, 'second_factor_required');
    assert.equal((await t.http.inject({ method: 'POST', url: '/api/v1/auth/login/totp', ...pending, payload: { code: '123456' } })).json().error.code, 'second_factor_required');
    const setup = await t.http.inject({ method: 'POST', url: '/api/v1/auth/2fa/setup', ...pending });
    assert.equal(setup.statusCode, 200);
    const enable = await t.http.inject({ method: 'POST', url: '/api/v1/auth/2fa/enable', ...pending, payload: { code: codeAt(setup.json().secret) } });
    assert.equal(enable.statusCode, 200);
    assert.equal(enable.json().stage, 'full');
    const full = sessionOf(enable);
    assert.notEqual(full, pending.cookies[SESSION_COOKIE]);
    const me = await t.http.inject({ url: '/api/v1/auth/me', cookies: { [SESSION_COOKIE]: full } });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().totpEnabled, true);
  });

  it('requires the CSRF header for cookie-authenticated writes but not for bearer tokens', async () => {
    const agent = await createAgent(t.ctx);
    const s = await createSession(t.ctx, { type: 'agent', id: agent.id });
    const missing = await t.http.inject({ method: 'POST', url: '/api/v1/auth/2fa/setup', cookies: s.cookies });
    assert.equal(missing.statusCode, 403);
    assert.equal(missing.json().error.code, 'csrf_failed');
    const wrongHeader = await t.http.inject({ method: 'POST', url: '/api/v1/auth/2fa/setup', cookies: s.cookies, headers: { 'x-csrf-token': 'nope' } });
    assert.equal(wrongHeader.json().error.code, 'csrf_failed');
    const { headers } = await agentWithToken(t.ctx, 'agent');
    const bearer = await t.http.inject({ method: 'POST', url: '/api/v1/customers', headers, payload: { email: `csrf-${Date.now()}@example.test`, locale: 'en' } });
    assert.equal(bearer.statusCode, 201);
  });

  it('signs out: 401 without a session, 403 for a token, 204 and the session is gone', async () => {
    assert.equal((await t.http.inject({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode, 401);
    const { headers } = await agentWithToken(t.ctx);
    assert.equal((await t.http.inject({ method: 'POST', url: '/api/v1/auth/logout', headers })).statusCode, 403);
    const agent = await createAgent(t.ctx);
    const s = await createSession(t.ctx, { type: 'agent', id: agent.id });
    assert.equal((await t.http.inject({ method: 'POST', url: '/api/v1/auth/logout', ...s })).statusCode, 204);
    assert.equal((await t.http.inject({ url: '/api/v1/auth/me', cookies: s.cookies })).statusCode, 401);
    const row = await t.ctx.db.selectFrom('audit_log').select('action').where('actor_id', '=', agent.id).executeTakeFirst();
    assert.equal(row?.action, 'logout');
  });

  it('changes the own password and ends the other sessions', async () => {
    assert.equal((await t.http.inject({ method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: 'x', newPassword: 'y'.repeat(12) } })).statusCode, 401);
    const { headers } = await agentWithToken(t.ctx);
    assert.equal((await t.http.inject({ method: 'POST', url: '/api/v1/auth/password', headers, payload: { currentPassword: 'x', newPassword: 'y'.repeat(12) } })).statusCode, 403);
    const agent = await createAgent(t.ctx);
    const here = await createSession(t.ctx, { type: 'agent', id: agent.id });
    const elsewhere = await createSession(t.ctx, { type: 'agent', id: agent.id });
    const short = await t.http.inject({ method: 'POST', url: '/api/v1/auth/password', ...here, payload: { currentPassword: TEST_PASSWORD, newPassword: 'short' } });
    assert.equal(short.statusCode, 400);
    assert.equal(short.json().error.field, 'newPassword');
    const wrong = await t.http.inject({ method: 'POST', url: '/api/v1/auth/password', ...here, payload: { currentPassword: 'wrong', newPassword: 'a brand new passphrase' } });
    assert.equal(wrong.json().error.field, 'currentPassword');
    const ok = await t.http.inject({ method: 'POST', url: '/api/v1/auth/password', ...here, payload: { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase' } });
    assert.equal(ok.statusCode, 204);
    assert.equal((await t.http.inject({ url: '/api/v1/auth/me', cookies: here.cookies })).statusCode, 200);
    assert.equal((await t.http.inject({ url: '/api/v1/auth/me', cookies: elsewhere.cookies })).statusCode, 401);
    assert.equal((await login(agent.email, 'a brand new passphrase', freshIp())).statusCode, 200);
  });

  it('disables 2FA with password and a recovery code; regenerates recovery codes', async () => {
    const agent = await createAgent(t.ctx);
    const { secret, codes } = await enrol(agent.id);
    const s = await createSession(t.ctx, { type: 'agent', id: agent.id });
    const regen = await t.http.inject({ method: 'POST', url: '/api/v1/auth/2fa/recovery-codes', ...s, payload: { code: codeAt(secret, 1) } });
    assert.equal(regen.statusCode, 200);
    const fresh = regen.json().recoveryCodes as string[];
    assert.equal(fresh.length, 10);
    const old = await t.http.inject({ method: 'POST', url: '/api/v1/auth/2fa/disable', ...s, payload: { password: TEST_PASSWORD, code: codes[0] } });
    assert.equal(old.statusCode, 400);
    const noPw = await t.http.inject({ method: 'POST', url: '/api/v1/auth/2fa/disable', ...s, payload: { password: 'wrong', code: fresh[0] } });
    assert.equal(noPw.json().error.field, 'password');
    const off = await t.http.inject({ method: 'POST', url: '/api/v1/auth/2fa/disable', ...s, payload: { password: TEST_PASSWORD, code: fresh[0] } });
    assert.equal(off.statusCode, 204);
    const row = await t.ctx.db.selectFrom('agents').select(['totp_enabled', 'totp_secret']).where('id', '=', agent.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { totp_enabled: 0, totp_secret: null });
    const { headers } = await agentWithToken(t.ctx);
    assert.equal((await t.http.inject({ method: 'POST', url: '/api/v1/auth/2fa/disable', headers, payload: { password: 'x', code: '123456' } })).statusCode, 403);
  });

  it('stores the TOTP secret encrypted', async () => {
    const agent = await createAgent(t.ctx);
    const { secret } = await enrol(agent.id);
    const row = await t.ctx.db.selectFrom('agents').select('totp_secret').where('id', '=', agent.id).executeTakeFirstOrThrow();
    assert.ok(row.totp_secret);
    assert.equal(row.totp_secret.includes(secret), false);
  });
});
