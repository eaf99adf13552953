import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { agentWithToken, createApiToken } from '../../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { cookiesOf, hiddenCsrf } from '../../portal/portalTesting.js';

/**
 * Callback requests: the public API (validation naming the field, rate limit, screening), the
 * help-center form (CSRF, errors under fields, zh-CN/ko), the queue in due order, outcomes
 * with retries and their notes on the ticket.
 */
const phrase = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const hours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
let address = 0;
const nextIp = () => `10.77.0.${++address}`;

describe('phone: callback requests and the callback queue', () => {
  let t: TestApp;
  let auth: Awaited<ReturnType<typeof agentWithToken>>;
  const ask = (payload: Record<string, unknown>, remoteAddress = nextIp()) => t.http.inject({ method: 'POST', url: '/api/v1/callbacks', payload, remoteAddress });
  const queue = async (query = '') => {
    const res = await t.http.inject({ method: 'GET', url: `/api/v1/callbacks${query}`, headers: auth.headers });
    assert.equal(res.statusCode, 200, res.body);
    return res.json().items as { id: string; dueAt: string; overdue: boolean; state: string; attempts: number; ticket: { id: string; number: string } }[];
  };
  const outcome = (id: string, payload: Record<string, unknown>) => t.http.inject({ method: 'POST', url: `/api/v1/callbacks/${id}/outcome`, headers: auth.headers, payload });

  before(async () => {
    t = await createTestApp();
    auth = await agentWithToken(t.ctx);
  });
  after(() => t.close());

  it('refuses bad requests with the field named and writes nothing', async () => {
    const before = await t.ctx.db.selectFrom('callback_requests').select('id').execute();
    const cases: [Record<string, unknown>, string][] = [
      [{ phone: '010-1234-5678', topic: 'deposit' }, 'phone'],
      [{ phone: '+821012345678', topic: 'lottery' }, 'topic'],
      [{ phone: '+821012345678', topic: 'deposit', preferredFrom: hours(-3), preferredTo: hours(-1) }, 'preferredTo'],
      [{ phone: '+821012345678', topic: 'deposit', preferredFrom: hours(2), preferredTo: hours(1) }, 'preferredTo'],
      [{ phone: '+821012345678', topic: 'deposit', preferredFrom: hours(1) }, 'preferredTo'],
      [{ phone: '+821012345678', topic: 'deposit', preferredFrom: hours(400), preferredTo: hours(401) }, 'preferredFrom'],
      [{ phone: '+821012345678', topic: 'deposit', timezone: 'Mars/Olympus' }, 'timezone'],
      [{ phone: '+821012345678', topic: 'deposit', pin: '1234' }, 'pin'],
    ];
    for (const [payload, field] of cases) {
      const res = await ask(payload);
      assert.equal(res.statusCode, 400, `${field}: ${res.body}`);
      assert.equal(res.json().error.field, field, res.body);
    }
    assert.equal((await t.ctx.db.selectFrom('callback_requests').select('id').execute()).length, before.length);
  });

  it('opens a phone ticket with the request and queues it by its due time; the note is screened', async () => {
    const later = await ask({ phone: '+86 138 0013 8000', topic: 'withdrawal', preferredFrom: hours(5), preferredTo: hours(6), timezone: 'Asia/Shanghai', locale: 'zh-CN', note: `提币一直在审核中。我的助记词是 ${phrase}` });
    assert.equal(later.statusCode, 201, later.body);
    const soon = await ask({ phone: '+821055550101', topic: 'deposit', preferredFrom: hours(1), preferredTo: hours(2), locale: 'ko', name: '김민지' });
    assert.equal(soon.statusCode, 201, soon.body);
    const now = await ask({ phone: '+447700900123', topic: 'security' });
    assert.equal(now.statusCode, 201, now.body);
    assert.ok(Date.parse(now.json().dueAt) <= Date.now());

    const items = (await queue()).filter((i) => [later.json().id, soon.json().id, now.json().id].includes(i.id));
    assert.deepEqual(items.map((i) => i.id), [now.json().id, soon.json().id, later.json().id]);
    const dues = (await queue()).map((i) => i.dueAt);
    assert.deepEqual(dues, [...dues].sort());
    const dueSoon = await queue(`?due_before=${encodeURIComponent(hours(3))}`);
    assert.ok(!dueSoon.some((i) => i.id === later.json().id));

    const ticket = await t.ctx.db.selectFrom('tickets').select(['id', 'channel', 'category', 'locale', 'subject']).where('number', '=', later.json().ticketNumber).executeTakeFirstOrThrow();
    assert.deepEqual([ticket.channel, ticket.category, ticket.locale], ['phone', 'withdrawal', 'zh-CN']);
    assert.match(ticket.subject, /回拨请求/);
    const first = await t.ctx.db.selectFrom('messages').select('body').where('ticket_id', '=', ticket.id).executeTakeFirstOrThrow();
    assert.match(first.body, /\+8613800138000/);
    assert.doesNotMatch(first.body, /sausage/);
    assert.match(first.body, /\[redacted:/);
    const onTicket = await t.http.inject({ method: 'GET', url: `/api/v1/tickets/${ticket.id}/callbacks`, headers: auth.headers });
    assert.equal(onTicket.json().items[0].window.timezone, 'Asia/Shanghai');
  });

  it('lets agents only read and work the queue', async () => {
    assert.equal((await t.http.inject({ method: 'GET', url: '/api/v1/callbacks' })).statusCode, 401);
    const [first] = await queue();
    assert.equal((await t.http.inject({ method: 'POST', url: `/api/v1/callbacks/${first!.id}/outcome`, payload: { outcome: 'reached' } })).statusCode, 401);
    const readOnly = await createApiToken(t.ctx, auth.agent.id, ['tickets:read']);
    const refused = await t.http.inject({ method: 'POST', url: `/api/v1/callbacks/${first!.id}/outcome`, headers: readOnly, payload: { outcome: 'reached' } });
    assert.equal(refused.statusCode, 403);
    const bad = await outcome(first!.id, { outcome: 'voicemail' });
    assert.equal(bad.json().error.field, 'outcome');
  });

  it('retries an unanswered callback after 15 and 60 minutes and gives up after the third try', async () => {
    const created = await ask({ phone: '+819012345678', topic: 'account' });
    const id = created.json().id as string;
    const taken = await t.http.inject({ method: 'POST', url: `/api/v1/callbacks/${id}/assign`, headers: auth.headers, payload: { to: 'me' } });
    assert.equal(taken.json().state, 'scheduled');
    assert.equal(taken.json().assignee.id, auth.agent.id);

    const first = await outcome(id, { outcome: 'no_answer', note: 'Rang 8 times, no voicemail' });
    assert.equal(first.statusCode, 200, first.body);
    assert.deepEqual([first.json().state, first.json().attempts], ['pending', 1]);
    const minutesAhead = (Date.parse(first.json().dueAt) - Date.now()) / 60_000;
    assert.ok(minutesAhead > 10 && minutesAhead <= 15, String(minutesAhead));
    const second = await outcome(id, { outcome: 'no_answer' });
    assert.ok((Date.parse(second.json().dueAt) - Date.now()) / 60_000 > 50);
    const third = await outcome(id, { outcome: 'no_answer' });
    assert.deepEqual([third.json().state, third.json().attempts, third.json().overdue], ['no_answer', 3, false]);
    const again = await outcome(id, { outcome: 'reached' });
    assert.equal(again.statusCode, 409);
    assert.ok(!(await queue()).some((i) => i.id === id), 'given up: out of the queue');
    assert.ok((await queue('?state=no_answer')).some((i) => i.id === id));

    const ticketId = third.json().ticket.id as string;
    const notes = await t.ctx.db.selectFrom('messages').select('body').where('ticket_id', '=', ticketId).where('author_type', '=', 'system').orderBy('id').execute();
    assert.equal(notes.length, 3);
    assert.match(notes[0]!.body, /attempt 1: no answer[\s\S]*Rang 8 times/);
    assert.match(notes[2]!.body, /No more attempts/);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('target_id', '=', id).execute();
    assert.equal(audit.length, 3);
  });

  it('closes a reached callback and a wrong number', async () => {
    const a = (await ask({ phone: '+14155550123', topic: 'trading' })).json().id as string;
    const b = (await ask({ phone: '+14155550124', topic: 'trading' })).json().id as string;
    assert.deepEqual([(await outcome(a, { outcome: 'reached' })).json().state, (await outcome(b, { outcome: 'wrong_number' })).json().state], ['done', 'cancelled']);
  });

  it('limits public requests per address', async () => {
    const ip = nextIp();
    for (let i = 0; i < 5; i++) assert.equal((await ask({ phone: `+6591234${String(i).padStart(3, '0')}`, topic: 'fees' }, ip)).statusCode, 201);
    const sixth = await ask({ phone: '+6591234999', topic: 'fees' }, ip);
    assert.equal(sixth.statusCode, 429);
    assert.equal(sixth.json().error.code, 'rate_limited');
  });

  it('answers the widget on any origin, its field errors included, and never with credentials', async () => {
    const origin = 'https://www.exchange.example';
    const preflight = await t.http.inject({ method: 'OPTIONS', url: '/api/v1/callbacks', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    assert.equal(preflight.statusCode, 204);
    assert.equal(preflight.headers['access-control-allow-origin'], '*');
    assert.match(String(preflight.headers['access-control-allow-headers']), /content-type/);
    const refused = await t.http.inject({ method: 'POST', url: '/api/v1/callbacks', headers: { origin }, payload: { phone: '12345', topic: 'deposit' }, remoteAddress: nextIp() });
    assert.deepEqual([refused.statusCode, refused.json().error.field, refused.headers['access-control-allow-origin']], [400, 'phone', '*']);
    assert.equal(refused.headers['access-control-allow-credentials'], undefined);
    const queued = await t.http.inject({ method: 'POST', url: '/api/v1/callbacks', headers: { origin }, payload: { phone: '+819012345678', topic: 'kyc', locale: 'ko' }, remoteAddress: nextIp() });
    assert.deepEqual([queued.statusCode, queued.headers['access-control-allow-origin']], [201, '*']);
  });

  it('offers the form on the help center: CSRF, errors under the field in the reader\'s language, then the confirmation', async () => {
    const page = await t.http.inject({ method: 'GET', url: '/callback?lang=ko' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /콜백 요청/);
    const cookies = cookiesOf(page);
    const csrf = hiddenCsrf(page.body);
    const form = (fields: Record<string, string>, withCsrf = true) => t.http.inject({
      method: 'POST', url: '/callback?lang=ko', cookies, remoteAddress: nextIp(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...(withCsrf ? { _csrf: csrf } : {}), tz_offset: '-540', ...fields }).toString(),
    });
    assert.equal((await form({ phone: '+821012345678', topic: 'deposit' }, false)).statusCode, 403);
    const wrong = await form({ phone: '1234', topic: '', name: '민지' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /id="cb-phone-error"[^>]*>\+와 국가번호로/);
    assert.match(wrong.body, /id="cb-topic-error"/);
    assert.match(wrong.body, /value="민지"/);
    const local = new Date(Date.now() + 9 * 3600_000 + 2 * 3600_000).toISOString().slice(0, 16);
    const localEnd = new Date(Date.now() + 9 * 3600_000 + 3 * 3600_000).toISOString().slice(0, 16);
    const done = await form({ phone: '+82 10-2222-3333', topic: 'kyc', from: local, to: localEnd });
    assert.equal(done.statusCode, 201, done.body);
    assert.match(done.body, /data-callback-confirmed/);
    const row = await t.ctx.db.selectFrom('callback_requests').selectAll().where('phone', '=', '+821022223333').executeTakeFirstOrThrow();
    assert.equal(row.source, 'form');
    assert.equal(row.locale, 'ko');
    // 2 hours from now in the reader's zone (UTC+9) is 2 hours from now.
    assert.ok(Math.abs(Date.parse(row.due_at) - (Date.now() + 2 * 3600_000)) < 120_000);
  });
});
