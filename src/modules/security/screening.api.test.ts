import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { agentWithToken, createCustomer, createSession } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { PNG_1PX, multipart, ticketBody } from '../tickets/testKit.js';

const phrase = 'legal winner thank year wave sausage worth useful legal winner thank yellow';

describe('secrets never stored, and the agent guard', () => {
  let t: TestApp;
  let agent: { agent: { id: string }; headers: Record<string, string> };
  let supervisor: Record<string, string>;
  let securityAgent: { agent: { id: string }; headers: Record<string, string> };

  before(async () => {
    t = await createTestApp();
    agent = await agentWithToken(t.ctx);
    supervisor = (await agentWithToken(t.ctx, 'supervisor')).headers;
    securityAgent = await agentWithToken(t.ctx);
    const team = await t.http.inject({ method: 'POST', url: '/api/v1/teams', headers: supervisor, payload: { name: 'Security desk', categories: ['security'], members: [securityAgent.agent.id] } });
    assert.equal(team.statusCode, 201, team.body);
  });
  after(() => t.close());

  const storedBodies = async (ticketId: string) =>
    (await t.ctx.db.selectFrom('messages').select(['body', 'author_type', 'meta']).where('ticket_id', '=', ticketId).orderBy('created_at').orderBy('id').execute());

  it("redacts a customer's recovery phrase before it is stored, warns them in their language and alerts the security team", async () => {
    const { customer: _drop, ...rest } = ticketBody();
    const me = await createCustomer(t.ctx);
    const session = await createSession(t.ctx, { type: 'customer', id: me.id });
    const res = await t.http.inject({
      method: 'POST', url: '/api/v1/me/tickets', ...session,
      payload: { ...rest, locale: 'zh-CN', subject: '钱包被盗', body: `我的助记词是 ${phrase}，请帮我找回资产` },
    });
    assert.equal(res.statusCode, 201, res.body);
    const number = (res.json() as { number: string }).number;
    const ticket = await t.ctx.db.selectFrom('tickets').select(['id']).where('number', '=', number).executeTakeFirstOrThrow();
    await t.ctx.relay.drain();

    const rows = await storedBodies(ticket.id);
    assert.equal(rows[0]!.body, '我的助记词是 [redacted:seed_phrase]，请帮我找回资产');
    assert.deepEqual(JSON.parse(rows[0]!.meta!), { redacted: ['seed_phrase'] });
    const dump = JSON.stringify(await t.ctx.db.selectFrom('outbox').select('payload').execute());
    assert.ok(!dump.includes('sausage'), 'not in any event either');
    const warning = rows.find((r) => r.author_type === 'system')!;
    assert.match(warning.body, /^为保障您的安全，我们在保存前已从您的消息中移除了以下内容：助记词/);

    const tags = await t.ctx.db.selectFrom('ticket_tags').select('tag').where('ticket_id', '=', ticket.id).execute();
    assert.ok(tags.some((r) => r.tag === 'secret-exposed'));
    const alerts = await t.http.inject({ method: 'GET', url: '/api/v1/notifications', headers: securityAgent.headers });
    assert.deepEqual((alerts.json() as { items: { kind: string; ticket: { number: string } }[] }).items.map((n) => [n.kind, n.ticket.number]), [['secret_exposed', number]]);
    // The job may run again: nothing is added twice.
    await t.ctx.relay.drain();
    assert.equal((await storedBodies(ticket.id)).filter((r) => r.author_type === 'system').length, 1);
  });

  it("redacts a customer's password in a reply on any ticket", async () => {
    const created = await t.http.inject({ method: 'POST', url: '/api/v1/tickets', headers: agent.headers, payload: ticketBody({ locale: 'en' }) });
    const ticket = created.json() as { id: string };
    const me = await t.ctx.db.selectFrom('tickets').select('customer_id').where('id', '=', ticket.id).executeTakeFirstOrThrow();
    const session = await createSession(t.ctx, { type: 'customer', id: me.customer_id });
    const number = (created.json() as { number: string }).number;
    const reply = await t.http.inject({ method: 'POST', url: `/api/v1/me/tickets/${number}/messages`, ...session, payload: { body: 'I still cannot log in, my password is Tr0ub4dor&3' } });
    assert.equal(reply.statusCode, 201, reply.body);
    await t.ctx.relay.drain();
    const rows = await storedBodies(ticket.id);
    assert.ok(rows.some((r) => r.body === 'I still cannot log in, my password is [redacted:password]'));
    assert.ok(rows.some((r) => r.author_type === 'system' && r.body.includes('a password — change it now')));
    const timeline = (await t.http.inject({ url: `/api/v1/tickets/${ticket.id}/timeline`, headers: agent.headers })).json() as { items: { type: string; data: { kinds?: string[] } }[] };
    assert.deepEqual(timeline.items.filter((e) => e.type === 'secret_redacted').map((e) => e.data.kinds), [['password']], 'agents see why on the timeline');
  });

  it("holds back an agent's reply that asks for a code, lets a note and a supervisor's audited override through", async () => {
    const created = await t.http.inject({ method: 'POST', url: '/api/v1/tickets', headers: agent.headers, payload: ticketBody() });
    const ticket = created.json() as { id: string };
    const ask = { body: '为了解冻账户，请把您手机收到的验证码发给我。' };
    const blocked = await t.http.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/messages`, headers: agent.headers, payload: ask });
    assert.equal(blocked.statusCode, 422);
    const error = (blocked.json() as { error: { code: string; field: string; message: string } }).error;
    assert.deepEqual([error.code, error.field], ['agent_guard_blocked', 'body']);
    assert.match(error.message, /one_time_code/);
    assert.equal((await storedBodies(ticket.id)).length, 1, 'nothing was stored');
    const held = (await t.http.inject({ url: `/api/v1/tickets/${ticket.id}/timeline`, headers: agent.headers })).json() as { items: { type: string; actor: { id: string } }[] };
    assert.deepEqual(held.items.filter((e) => e.type === 'agent_guard_blocked').map((e) => e.actor.id), [agent.agent.id], 'the attempt is on the timeline');

    const note = await t.http.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/messages`, headers: agent.headers, payload: { ...ask, visibility: 'internal' } });
    assert.equal(note.statusCode, 201, 'a note to colleagues is not sent to the customer');
    const notAllowed = await t.http.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/messages`, headers: agent.headers, payload: { ...ask, overrideGuard: true } });
    assert.equal(notAllowed.statusCode, 403);
    const override = await t.http.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/messages`, headers: supervisor, payload: { ...ask, overrideGuard: true } });
    assert.equal(override.statusCode, 201, override.body);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('target_id', '=', ticket.id).where('action', '=', 'agent_guard.overridden').execute();
    assert.equal(audit.length, 1);
    const timeline = (await t.http.inject({ url: `/api/v1/tickets/${ticket.id}/timeline`, headers: agent.headers })).json() as { items: { type: string }[] };
    assert.equal(timeline.items.filter((e) => e.type === 'agent_guard_overridden').length, 1);
  });
  it('screens form fields and attachment names too: a phrase typed into a field or used as a file name is redacted before storage, and the customer is warned', async () => {
    const me = await createCustomer(t.ctx, { locale: 'en' });
    const session = await createSession(t.ctx, { type: 'customer', id: me.id });
    const form = multipart([
      { name: 'subject', value: 'Airdrop reward not received' },
      { name: 'body', value: 'I joined the airdrop but the reward never reached my wallet.' },
      { name: 'category', value: 'promotions' },
      { name: 'locale', value: 'en' },
      { name: 'fields.campaign', value: `wallet words ${phrase}` },
      { name: 'attachments', filename: `${phrase.replaceAll(' ', '_')}.png`, data: PNG_1PX, contentType: 'image/png' },
    ]);
    const res = await t.http.inject({ method: 'POST', url: '/api/v1/me/tickets', cookies: session.cookies, headers: { ...session.headers, ...form.headers }, payload: form.payload });
    assert.equal(res.statusCode, 201, res.body);
    const ticket = await t.ctx.db.selectFrom('tickets').select(['id', 'fields']).where('number', '=', (res.json() as { number: string }).number).executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(ticket.fields), { campaign: 'wallet words [redacted:seed_phrase]' });
    const files = await t.ctx.db.selectFrom('attachments').select('filename').where('ticket_id', '=', ticket.id).execute();
    assert.deepEqual(files.map((f) => f.filename), ['[redacted:seed_phrase].png']);
    await t.ctx.relay.drain();
    const dump = JSON.stringify([await storedBodies(ticket.id), await t.ctx.db.selectFrom('outbox').select('payload').execute()]);
    assert.ok(!dump.includes('sausage'), 'nowhere in messages or events');
    assert.ok((await storedBodies(ticket.id)).some((r) => r.author_type === 'system' && r.body.includes('a recovery (seed) phrase')));

    // An agent's field edit goes through the same screening.
    const edit = await t.http.inject({ method: 'PATCH', url: `/api/v1/tickets/${ticket.id}`, headers: supervisor, payload: { fields: { campaign: `my words: ${phrase}` } } });
    assert.equal(edit.statusCode, 200, edit.body);
    const edited = await t.ctx.db.selectFrom('tickets').select('fields').where('id', '=', ticket.id).executeTakeFirstOrThrow();
    assert.equal(JSON.parse(edited.fields).campaign, 'my words: [redacted:seed_phrase]');

    // A field whose shape is checked refuses the redacted value, naming the field; nothing is stored.
    const address = await t.http.inject({ method: 'POST', url: '/api/v1/tickets', headers: supervisor, payload: ticketBody({ category: 'withdrawal', fields: { coin: 'USDT', network: 'TRC20', amount: '250', address: phrase } }) });
    assert.deepEqual([address.statusCode, address.json().error.field], [400, 'fields.address']);
    assert.ok(!address.body.includes('sausage'));
  });
});
