import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { agentWithToken, createAgent, createApiToken, createCustomer, createSession } from '../../../test/factories.js';
import { findOrCreateGuestCustomer, upsertVerifiedCustomer } from './customers.js';
import { SESSION_COOKIE } from './http/authenticate.js';

const EXCHANGE_SECRET = 'exchange-identity-secret-for-tests-0123456789';

const sign = (claims: Record<string, unknown>, opts: { secret?: string; expiresIn?: string | number } = {}) => {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt();
  if (opts.expiresIn !== undefined) jwt.setExpirationTime(opts.expiresIn);
  return jwt.sign(new TextEncoder().encode(opts.secret ?? EXCHANGE_SECRET));
};

describe('customers and portal sign-in', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ EXCHANGE_IDENTITY_SECRET: EXCHANGE_SECRET });
  });
  after(() => t.close());

  it('creates customers: 401, 403 without the scope, 201 with normalised fields', async () => {
    const payload = { email: ' Trader@Example.TEST ', phone: '+82 10-1234-5678', locale: 'ko', externalId: `UID-${Date.now()}` };
    assert.equal((await t.http.inject({ method: 'POST', url: '/api/v1/customers', payload })).statusCode, 401);
    const agent = await createAgent(t.ctx);
    const readOnly = await createApiToken(t.ctx, agent.id, ['customers:read']);
    assert.equal((await t.http.inject({ method: 'POST', url: '/api/v1/customers', headers: readOnly, payload })).statusCode, 403);
    const { headers } = await agentWithToken(t.ctx);
    const res = await t.http.inject({ method: 'POST', url: '/api/v1/customers', headers, payload });
    assert.equal(res.statusCode, 201);
    const c = res.json().customer;
    assert.equal(c.email, 'trader@example.test');
    assert.equal(c.phone, '+821012345678');
    assert.equal(c.verified, false);
    const dup = await t.http.inject({ method: 'POST', url: '/api/v1/customers', headers, payload });
    assert.equal(dup.statusCode, 409);
    const badPhone = await t.http.inject({ method: 'POST', url: '/api/v1/customers', headers, payload: { phone: '12345' } });
    assert.equal(badPhone.json().error.field, 'phone');
    const badLocale = await t.http.inject({ method: 'POST', url: '/api/v1/customers', headers, payload: { email: 'x@y.test', locale: 'klingon' } });
    assert.equal(badLocale.json().error.field, 'locale');
    const empty = await t.http.inject({ method: 'POST', url: '/api/v1/customers', headers, payload: { name: 'Nobody' } });
    assert.equal(empty.statusCode, 400);
  });

  it('lists, searches, reads and updates customers', async () => {
    assert.equal((await t.http.inject({ url: '/api/v1/customers' })).statusCode, 401);
    const customerSession = await createSession(t.ctx, { type: 'customer', id: (await createCustomer(t.ctx)).id });
    assert.equal((await t.http.inject({ url: '/api/v1/customers', cookies: customerSession.cookies })).statusCode, 403);
    const { headers } = await agentWithToken(t.ctx);
    const tag = `srch${Date.now()}`;
    const a = await createCustomer(t.ctx, { email: `${tag}-a@example.test`, externalId: `${tag}A` });
    await createCustomer(t.ctx, { email: `${tag}-b@example.test` });
    await createCustomer(t.ctx, { email: `${tag}-c@example.test` });
    const page1 = await t.http.inject({ url: `/api/v1/customers?q=${tag}&limit=2`, headers });
    assert.equal(page1.statusCode, 200);
    assert.equal(page1.json().items.length, 2);
    const page2 = await t.http.inject({ url: `/api/v1/customers?q=${tag}&limit=2&cursor=${page1.json().nextCursor}`, headers });
    assert.equal(page2.json().items.length, 1);
    assert.equal(page2.json().nextCursor, null);
    const byEmail = await t.http.inject({ url: `/api/v1/customers?email=${tag.toUpperCase()}-A@EXAMPLE.TEST`, headers });
    assert.deepEqual(byEmail.json().items.map((c: { id: string }) => c.id), [a.id]);
    const byUid = await t.http.inject({ url: `/api/v1/customers?externalId=${tag}A`, headers });
    assert.deepEqual(byUid.json().items.map((c: { id: string }) => c.id), [a.id]);

    const one = await t.http.inject({ url: `/api/v1/customers/${a.id}`, headers });
    assert.equal(one.json().customer.externalId, `${tag}A`);
    assert.equal((await t.http.inject({ url: '/api/v1/customers/0190a0a0-0000-7000-8000-000000000000', headers })).statusCode, 404);
    const patched = await t.http.inject({ method: 'PATCH', url: `/api/v1/customers/${a.id}`, headers, payload: { name: 'Kim', locale: 'zh-CN', phone: null } });
    assert.equal(patched.statusCode, 200);
    assert.equal(patched.json().customer.locale, 'zh-CN');
    assert.equal((await t.http.inject({ method: 'PATCH', url: `/api/v1/customers/${a.id}`, payload: { name: 'x' } })).statusCode, 401);
  });

  it('never hands a guest the verified customer with the same email', async () => {
    const email = `whale-${Date.now()}@example.test`;
    const verified = await createCustomer(t.ctx, { email, verified: true });
    const guest = await t.ctx.transaction((trx) => findOrCreateGuestCustomer(trx, { email: email.toUpperCase(), locale: 'ko' }));
    assert.notEqual(guest.id, verified.id);
    assert.equal(guest.verified, 0);
    assert.equal(guest.email, email);
    const again = await t.ctx.transaction((trx) => findOrCreateGuestCustomer(trx, { email, locale: 'en' }));
    assert.equal(again.id, guest.id);
    // The exchange later vouches for a UID with that email: still a separate verified record.
    const uid = `UID${Date.now()}`;
    const vouched = await t.ctx.transaction((trx) => upsertVerifiedCustomer(trx, { externalId: uid, email, locale: 'ko' }));
    assert.notEqual(vouched.id, guest.id);
    const refreshed = await t.ctx.transaction((trx) => upsertVerifiedCustomer(trx, { externalId: uid, name: 'Whale' }));
    assert.equal(refreshed.id, vouched.id);
    assert.equal(refreshed.email, email);
    assert.equal(refreshed.name, 'Whale');
    const stillGuest = await t.ctx.db.selectFrom('customers').select('verified').where('id', '=', guest.id).executeTakeFirstOrThrow();
    assert.equal(stillGuest.verified, 0);
  });

  it('signs a customer in with a valid exchange token', async () => {
    const uid = `EX${Date.now()}`;
    const token = await sign({ sub: uid, email: 'Portal@Example.test', name: '김민수', locale: 'ko' }, { expiresIn: '5m' });
    const res = await t.http.inject({ method: 'POST', url: '/api/v1/portal/session', payload: { token } });
    assert.equal(res.statusCode, 200);
    const { customer, csrfToken } = res.json();
    assert.equal(customer.externalId, uid);
    assert.equal(customer.verified, true);
    assert.equal(customer.email, 'portal@example.test');
    assert.ok(csrfToken);
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!;
    assert.equal(cookie.httpOnly, true);
    const session = await t.ctx.db.selectFrom('sessions').select(['subject_type', 'subject_id']).where('subject_id', '=', customer.id).executeTakeFirstOrThrow();
    assert.deepEqual(session, { subject_type: 'customer', subject_id: customer.id });

    // A customer session is not an agent: agent APIs refuse it.
    assert.equal((await t.http.inject({ url: '/api/v1/auth/me', cookies: { [SESSION_COOKIE]: cookie.value } })).statusCode, 403);
    const noCsrf = await t.http.inject({ method: 'POST', url: '/api/v1/portal/logout', cookies: { [SESSION_COOKIE]: cookie.value } });
    assert.equal(noCsrf.json().error.code, 'csrf_failed');
    const out = await t.http.inject({ method: 'POST', url: '/api/v1/portal/logout', cookies: { [SESSION_COOKIE]: cookie.value }, headers: { 'x-csrf-token': csrfToken } });
    assert.equal(out.statusCode, 204);
    assert.equal((await t.http.inject({ method: 'POST', url: '/api/v1/portal/logout' })).statusCode, 401);
    const agentSession = await createSession(t.ctx, { type: 'agent', id: (await createAgent(t.ctx)).id });
    assert.equal((await t.http.inject({ method: 'POST', url: '/api/v1/portal/logout', ...agentSession })).statusCode, 403);
  });

  it('redirects the browser variant to /tickets with the cookie set', async () => {
    const token = await sign({ sub: `EXB${Date.now()}` }, { expiresIn: '2m' });
    const res = await t.http.inject({ url: `/portal/sign-in?token=${encodeURIComponent(token)}` });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/tickets');
    assert.ok(res.cookies.find((c) => c.name === SESSION_COOKIE));
  });

  it('refuses expired, far-future, wrongly signed and malformed tokens alike', async () => {
    const sub = `EXR${Date.now()}`;
    const tokens = [
      await sign({ sub }, { expiresIn: Math.floor(Date.now() / 1000) - 120 }),
      await sign({ sub }, { expiresIn: '2h' }),
      await sign({ sub }, { expiresIn: '5m', secret: 'some-other-secret-that-is-long-enough-000' }),
      await sign({ sub }),
      await sign({ email: 'x@y.test' }, { expiresIn: '5m' }),
      'not.a.jwt-token-at-all',
    ];
    for (const token of tokens) {
      const res = await t.http.inject({ method: 'POST', url: '/api/v1/portal/session', payload: { token } });
      assert.equal(res.statusCode, 401, token);
      assert.equal(res.json().error.code, 'unauthenticated');
    }
    const none = await t.ctx.db.selectFrom('customers').select('id').where('external_id', '=', sub).executeTakeFirst();
    assert.equal(none, undefined);
  });

  it('refuses every token when no exchange secret is configured', async () => {
    const bare = await createTestApp();
    try {
      const token = await sign({ sub: 'UID1' }, { expiresIn: '5m' });
      const res = await bare.http.inject({ method: 'POST', url: '/api/v1/portal/session', payload: { token } });
      assert.equal(res.statusCode, 401);
      assert.equal((await bare.http.inject({ url: `/portal/sign-in?token=${token}` })).statusCode, 401);
    } finally {
      await bare.close();
    }
  });
});
