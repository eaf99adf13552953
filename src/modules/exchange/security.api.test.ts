import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { agentWithToken, createCustomer } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { answerTo, handovers, openChat, say } from '../bot/testKit.js';
import { openChatsOf } from '../channels/chat/queries.js';
import { createTicket } from '../tickets/testKit.js';
import { exchangeOf } from './runtime.js';
import { signedHeaders } from './signing.js';

const RISK_PATH = '/api/v1/exchange/risk-events';
type Agent = { agent: { id: string }; headers: Record<string, string> };

describe('account security: emergency freeze, four-eyes unfreeze, "was this you?" outreach', () => {
  let t: TestApp;
  let agent: Agent;
  let otherAgent: Agent;
  let supervisor: Agent;
  let secondSupervisor: Agent;
  let securityTeamId: string;

  before(async () => {
    t = await createTestApp();
    [agent, otherAgent, supervisor, secondSupervisor] = [await agentWithToken(t.ctx), await agentWithToken(t.ctx), await agentWithToken(t.ctx, 'supervisor'), await agentWithToken(t.ctx, 'supervisor')];
    const team = await t.http.inject({ method: 'POST', url: '/api/v1/teams', headers: supervisor.headers, payload: { name: 'Security desk', categories: ['security'], members: [otherAgent.agent.id] } });
    assert.equal(team.statusCode, 201, team.body);
    securityTeamId = (team.json() as { team: { id: string } }).team.id;
  });
  after(() => t.close());

  const statusAt = async (uid: string) => (await exchangeOf(t.ctx).client.account(uid))!.status;
  const events = async (ticketId: string) => (await t.ctx.db.selectFrom('ticket_events').select(['type', 'data']).where('ticket_id', '=', ticketId).orderBy('id').execute()).map((e) => e.type);
  const audits = async (ticketId: string) => (await t.ctx.db.selectFrom('audit_log').select(['action', 'actor_id', 'details']).where('target_id', '=', ticketId).orderBy('at').orderBy('id').execute());
  const messages = async (ticketId: string) => t.ctx.db.selectFrom('messages').select(['body', 'visibility', 'author_type', 'meta']).where('ticket_id', '=', ticketId).orderBy('id').execute();
  const ticketOf = (id: string) => t.ctx.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('bot: a verified customer says 账户被盗, confirms, and the account is frozen through the exchange; checklist in Chinese; urgent to security', async () => {
    const chat = await openChat(t, '我的账户被盗了，快帮我冻结', { locale: 'zh-CN', externalId: '58213907' });
    const asked = await answerTo(t, chat);
    assert.match(asked.at(-1)!.body, /现在冻结账户吗/);
    assert.deepEqual(asked.at(-1)!.meta?.choices?.map((c) => c.value), ['freeze', 'not_now']);
    assert.equal(await statusAt('58213907'), 'active', 'nothing frozen before the customer confirms');
    const sent = await say(t, chat, '立即冻结');
    const text = (await answerTo(t, chat, sent)).map((r) => r.body).join('\n');
    assert.match(text, /您的账户已冻结/);
    assert.match(text, /异常操作记录：非本人操作的提币、交易或登录的截图/);
    assert.match(text, /转交安全团队/);
    assert.equal(await statusAt('58213907'), 'frozen');
    const ticket = await ticketOf(chat.ticketId);
    assert.deepEqual([ticket.priority, ticket.category], ['urgent', 'security']);
    assert.deepEqual((await handovers(t, chat.ticketId)).map((h) => h.category), ['security']);
    assert.ok((await events(chat.ticketId)).includes('account_frozen'));
    const frozen = (await audits(chat.ticketId)).filter((a) => a.action === 'exchange.account_frozen');
    assert.equal(frozen.length, 1);
    assert.equal(JSON.parse(frozen[0]!.details).source, 'customer');
  });

  it('bot: 계정이 해킹당했어요 — the customer can decline the freeze; they still get the checklist in Korean and an urgent hand-over', async () => {
    const chat = await openChat(t, '계정이 해킹당했어요', { locale: 'ko', externalId: '60177342' });
    assert.match((await answerTo(t, chat)).at(-1)!.body, /지금 계정을 동결할까요/);
    const sent = await say(t, chat, '아니요, 나중에요');
    const text = (await answerTo(t, chat, sent)).map((r) => r.body).join('\n');
    assert.match(text, /로그인 기록 캡처/);
    assert.equal(await statusAt('60177342'), 'active');
    assert.equal((await ticketOf(chat.ticketId)).priority, 'urgent');
    assert.ok(!(await events(chat.ticketId)).includes('account_frozen'));
  });

  it('agent freeze: assigned agent or supervisor with a reason, audited; others refused; bad input names the field', async () => {
    const ticket = await createTicket(t, agent.headers, { customer: { externalId: '71420586' }, assigneeId: agent.agent.id });
    const url = `/api/v1/tickets/${ticket.id}/exchange/freeze`;
    const reason = { reason: 'Customer reports a login from Lagos they did not make' };
    assert.equal((await t.http.inject({ method: 'POST', url, payload: reason })).statusCode, 401);
    assert.equal((await t.http.inject({ method: 'POST', url, headers: otherAgent.headers, payload: reason })).statusCode, 403, 'not assigned to them');
    const short = await t.http.inject({ method: 'POST', url, headers: agent.headers, payload: { reason: 'hacked' } });
    assert.deepEqual([short.statusCode, short.json().error.field], [400, 'reason']);
    const extra = await t.http.inject({ method: 'POST', url, headers: agent.headers, payload: { ...reason, uid: '58213907' } });
    assert.deepEqual([extra.statusCode, extra.json().error.field], [400, 'uid'], "another user's account cannot be named");
    assert.equal(await statusAt('71420586'), 'active');
    const res = await t.http.inject({ method: 'POST', url, headers: agent.headers, payload: reason });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().account, { uid: '71420586', status: 'frozen', frozenReason: reason.reason });
    assert.equal(await statusAt('71420586'), 'frozen');
    const [entry] = (await audits(ticket.id)).filter((a) => a.action === 'exchange.account_frozen');
    assert.equal(entry!.actor_id, agent.agent.id);
    assert.equal(JSON.parse(entry!.details).reason, reason.reason);
    assert.ok((await events(ticket.id)).includes('account_frozen'));
  });

  it('unfreeze needs four eyes: the requester and the agent who froze it cannot approve; a different supervisor can', async () => {
    const ticket = await createTicket(t, agent.headers, { customer: { externalId: '73651209' }, assigneeId: agent.agent.id });
    const requestsUrl = `/api/v1/tickets/${ticket.id}/exchange/unfreeze-requests`;
    const why = { reason: 'Identity re-verified by code to the bound phone; password and 2FA reset' };
    const early = await t.http.inject({ method: 'POST', url: requestsUrl, headers: agent.headers, payload: why });
    assert.deepEqual([early.statusCode, early.json().error.code], [409, 'conflict'], 'not frozen yet');
    const froze = await t.http.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/exchange/freeze`, headers: supervisor.headers, payload: { reason: 'Unrecognised API key with withdraw permission' } });
    assert.equal(froze.statusCode, 200, froze.body);
    // The panel offers what the routes will accept: no second freeze, a request to unfreeze.
    const panel = await t.http.inject({ url: `/api/v1/tickets/${ticket.id}/exchange`, headers: agent.headers });
    const { freeze, requestUnfreeze } = panel.json().abilities as { freeze: boolean; requestUnfreeze: boolean };
    assert.deepEqual([panel.json().account.status, freeze, requestUnfreeze], ['frozen', false, true]);

    assert.equal((await t.http.inject({ method: 'POST', url: requestsUrl, payload: why })).statusCode, 401);
    assert.equal((await t.http.inject({ method: 'POST', url: requestsUrl, headers: otherAgent.headers, payload: why })).statusCode, 403);
    const created = await t.http.inject({ method: 'POST', url: requestsUrl, headers: agent.headers, payload: why });
    assert.equal(created.statusCode, 201, created.body);
    const request = created.json().request as { id: string; state: string; abilities: { approve: boolean } };
    assert.deepEqual([request.state, request.abilities.approve], ['pending', false]);
    assert.equal((await t.http.inject({ method: 'POST', url: requestsUrl, headers: agent.headers, payload: why })).statusCode, 409, 'one pending request per account');

    const decide = (who: Agent | null, decision: 'approve' | 'reject', payload: Record<string, unknown> = {}) =>
      t.http.inject({ method: 'POST', url: `/api/v1/exchange/unfreeze-requests/${request.id}/${decision}`, ...(who ? { headers: who.headers } : {}), payload });
    assert.equal((await decide(null, 'approve')).statusCode, 401);
    assert.equal((await decide(agent, 'approve')).statusCode, 403, 'an agent cannot approve, let alone their own request');
    const byFreezer = await decide(supervisor, 'approve');
    assert.deepEqual([byFreezer.statusCode, byFreezer.json().error.code], [403, 'four_eyes_required']);
    assert.equal(await statusAt('73651209'), 'frozen');

    const list = await t.http.inject({ method: 'GET', url: '/api/v1/exchange/unfreeze-requests', headers: secondSupervisor.headers });
    const listed = (list.json().items as { id: string; abilities: { approve: boolean } }[]).find((r) => r.id === request.id);
    assert.equal(listed?.abilities.approve, true);
    const approved = await decide(secondSupervisor, 'approve', { note: 'Checked the verification and the new 2FA' });
    assert.equal(approved.statusCode, 200, approved.body);
    assert.equal(approved.json().request.state, 'approved');
    assert.equal(await statusAt('73651209'), 'active');
    assert.equal((await decide(secondSupervisor, 'approve')).statusCode, 409, 'already decided');
    assert.deepEqual((await events(ticket.id)).filter((e) => /freeze|frozen/.test(e)), ['account_frozen', 'unfreeze_requested', 'unfreeze_approved']);
    assert.deepEqual(
      (await audits(ticket.id)).map((a) => [a.action, a.actor_id]).filter(([action]) => /freeze|frozen/.test(action!)),
      [['exchange.account_frozen', supervisor.agent.id], ['exchange.unfreeze_requested', agent.agent.id], ['exchange.unfreeze_approved', secondSupervisor.agent.id]],
    );

    // A supervisor who asks cannot approve their own request; another can reject it with a note.
    await t.http.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/exchange/freeze`, headers: agent.headers, payload: { reason: 'Customer reports a second unknown login' } });
    const second = await t.http.inject({ method: 'POST', url: requestsUrl, headers: secondSupervisor.headers, payload: why });
    const secondId = second.json().request.id as string;
    const own = await t.http.inject({ method: 'POST', url: `/api/v1/exchange/unfreeze-requests/${secondId}/approve`, headers: secondSupervisor.headers, payload: {} });
    assert.deepEqual([own.statusCode, own.json().error.code], [403, 'four_eyes_required']);
    const noNote = await t.http.inject({ method: 'POST', url: `/api/v1/exchange/unfreeze-requests/${secondId}/reject`, headers: supervisor.headers, payload: {} });
    assert.deepEqual([noNote.statusCode, noNote.json().error.field], [400, 'note']);
    const rejected = await t.http.inject({ method: 'POST', url: `/api/v1/exchange/unfreeze-requests/${secondId}/reject`, headers: supervisor.headers, payload: { note: 'Customer has not sent the police report yet' } });
    assert.equal(rejected.json().request.state, 'rejected');
    assert.equal(await statusAt('73651209'), 'frozen');
  });

  const postRisk = async (event: Record<string, unknown>) => {
    const body = JSON.stringify(event);
    const { keyId, secret } = exchangeOf(t.ctx);
    const res = await t.http.inject({ method: 'POST', url: RISK_PATH, headers: { 'content-type': 'application/json', ...signedHeaders(keyId, secret, 'POST', RISK_PATH, body) }, payload: body });
    assert.ok(res.statusCode === 201 || res.statusCode === 200, res.body);
    await t.ctx.relay.drain();
    return res.json() as { id: string; duplicate: boolean };
  };
  const outreachOf = (riskEventId: string) => t.ctx.db.selectFrom('security_outreach').selectAll().where('risk_event_id', '=', riskEventId).execute();
  const answer = async (ticketId: string, customerId: string, body: string) => {
    await say(t, { ticketId, customerId }, body);
    await t.ctx.relay.drain();
  };

  it('outreach: a new-device login asks the Korean customer "was this you?" in the chat the widget lists; "no" freezes and routes to security; a replay asks nothing more', async () => {
    const customer = await createCustomer(t.ctx, { externalId: '70012964', locale: 'ko' });
    const event = { id: 'evt_login_0001', type: 'login.new_device', uid: '70012964', occurredAt: '2025-03-01T07:59:12Z', data: { ip: '185.220.101.4', country: 'NL', city: 'Amsterdam', device: 'Chrome 122 on Windows 10' } };
    const stored = await postRisk(event);
    assert.equal((await postRisk(event)).duplicate, true);
    const [outreach, ...more] = await outreachOf(stored.id);
    assert.equal(more.length, 0, 'once per risk event');
    assert.equal(outreach!.state, 'waiting');
    const listed = await openChatsOf(t.ctx.db, customer.id);
    assert.deepEqual(listed.map((c) => c.ticketId), [outreach!.ticket_id], 'the widget shows it when the verified customer opens it');
    const [question] = await messages(outreach!.ticket_id);
    assert.equal(question!.body.split('\n')[0], '보안 확인: 2025-03-01 07:59 UTC에 새 기기에서 계정에 로그인했어요 — Chrome 122 on Windows 10, Amsterdam, NL(IP 185.220.101.4). 본인이 하신 건가요?');
    assert.deepEqual(JSON.parse(question!.meta!).choices.map((c: { label: string }) => c.label), ['네, 제가 했어요', '아니요, 제가 아니에요']);
    const job = await t.ctx.db.selectFrom('jobs').select(['run_at']).where('name', '=', 'exchange.outreach_timeout').where('key', '=', outreach!.id).executeTakeFirstOrThrow();
    assert.ok(job.run_at > outreach!.created_at, 'the time-out waits');

    await answer(outreach!.ticket_id, customer.id, '아니요, 제가 아니에요');
    assert.equal(await statusAt('70012964'), 'frozen');
    const after = await outreachOf(stored.id);
    assert.equal(after[0]!.state, 'denied');
    const ticket = await ticketOf(outreach!.ticket_id);
    assert.deepEqual([ticket.priority, ticket.category, ticket.team_id, ticket.status], ['urgent', 'security', securityTeamId, 'open']);
    const bodies = (await messages(outreach!.ticket_id)).map((m) => `${m.visibility}:${m.body}`).join('\n');
    assert.match(bodies, /public:계정이 동결됐어요/);
    assert.match(bodies, /public:조사와 자산 회수를 돕기 위해/);
    assert.match(bodies, /internal:보안 확인: 고객이 새 기기 로그인\(2025-03-01 07:59 UTC\)은\(는\) 본인이 아니라고 답함/);
    assert.deepEqual((await events(outreach!.ticket_id)).filter((e) => e.startsWith('outreach') || e === 'account_frozen'), ['outreach_sent', 'outreach_answered', 'account_frozen']);
    assert.equal((await audits(outreach!.ticket_id)).filter((a) => a.action === 'exchange.account_frozen').length, 1);
  });

  it('outreach: "Yes, it was me" to a large withdrawal closes the conversation with an internal note and freezes nothing', async () => {
    const customer = await createCustomer(t.ctx, { externalId: '64780251', locale: 'en' });
    const stored = await postRisk({
      id: 'evt_wd_0001', type: 'withdrawal.large', uid: '64780251', occurredAt: '2025-03-02T10:15:00Z',
      data: { withdrawalId: 'WD1', coin: 'USDT', network: 'TRC20', amount: '48000', address: 'TWd4WrZ9wn84f5x1hZhL4DHvk738ns5jwb' },
    });
    const [outreach] = await outreachOf(stored.id);
    const [question] = await messages(outreach!.ticket_id);
    assert.match(question!.body, /^Security check: a withdrawal of 48000 USDT on TRC20 to the address TWd4WrZ9wn84f5x1hZhL4DHvk738ns5jwb was requested from your account at 2025-03-02 10:15 UTC\. Was this you\?/);
    await answer(outreach!.ticket_id, customer.id, 'Yes, it was me');
    assert.equal((await outreachOf(stored.id))[0]!.state, 'confirmed');
    assert.equal((await ticketOf(outreach!.ticket_id)).status, 'solved');
    const chat = await t.ctx.db.selectFrom('chats').select('state').where('ticket_id', '=', outreach!.ticket_id).executeTakeFirstOrThrow();
    assert.equal(chat.state, 'ended');
    const note = (await messages(outreach!.ticket_id)).find((m) => m.visibility === 'internal');
    assert.match(note!.body, /confirmed the large withdrawal \(2025-03-02 10:15 UTC\) was theirs/);
    assert.equal(await statusAt('64780251'), 'active');
  });

  it('outreach: no answer in time escalates to the security team as urgent (a durable job due at run_at); a late "no" still freezes', async () => {
    // The customer who reported a hack in Chinese earlier (their account is frozen; a risk event can still come).
    const customer = await t.ctx.db.selectFrom('customers').select('id').where('external_id', '=', '58213907').executeTakeFirstOrThrow();
    const stored = await postRisk({ id: 'evt_pw_0001', type: 'password.changed', uid: '58213907', occurredAt: '2025-03-03T01:02:03Z', data: { ip: '203.0.113.9', country: 'VN', via: 'reset_link' } });
    const [outreach] = await outreachOf(stored.id);
    assert.match((await messages(outreach!.ticket_id))[0]!.body, /^安全核实：您的账户密码于 2025-03-03 01:02 UTC 通过密码重置链接被修改，操作地点 VN（IP 203\.0\.113\.9）/);
    await t.ctx.relay.drain();
    assert.equal((await outreachOf(stored.id))[0]!.state, 'waiting', 'not before its time');
    await t.ctx.db.updateTable('jobs').set({ run_at: new Date().toISOString() }).where('name', '=', 'exchange.outreach_timeout').where('key', '=', outreach!.id).execute();
    await t.ctx.relay.drain();
    assert.equal((await outreachOf(stored.id))[0]!.state, 'escalated');
    const ticket = await ticketOf(outreach!.ticket_id);
    assert.deepEqual([ticket.priority, ticket.team_id], ['urgent', securityTeamId]);
    assert.ok((await events(outreach!.ticket_id)).includes('outreach_escalated'));
    assert.match((await messages(outreach!.ticket_id)).map((m) => m.body).join('\n'), /客户在 30 分钟内未回复密码修改/);

    await answer(outreach!.ticket_id, customer.id, '不是我操作的');
    assert.equal((await outreachOf(stored.id))[0]!.state, 'denied');
    const freezes = await t.ctx.db.selectFrom('account_freezes').select(['source', 'uid']).where('ticket_id', '=', outreach!.ticket_id).execute();
    assert.deepEqual(freezes, [{ source: 'outreach', uid: '58213907' }]);
  });

  it('outreach: an event about a UID with no customer here opens nothing', async () => {
    const stored = await postRisk({ id: 'evt_nobody_01', type: 'api_key.created', uid: '99990000', occurredAt: '2025-03-04T00:00:00Z', data: { ip: '198.51.100.7', label: 'bot', permissions: ['read', 'withdraw'], ipWhitelist: false } });
    assert.deepEqual(await outreachOf(stored.id), []);
  });
});
