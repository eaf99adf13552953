import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestApp } from '../../../test/harness.js';
import { agentWithToken, createApiToken, createCustomer, createSession } from '../../../test/factories.js';
import { newId } from '../../platform/db/ids.js';
import { markAgentAway } from './commands/availabilitySetter.js';
import { agentOn, appWithSupervisor, chatOf, chatUpdates, createChat, createTeam, requestHandover, setAvailability, setClock } from './testKit.js';

/**
 * The agent-side API. One app for the file; each test routes chats in its own language, so
 * the teams of one test never take the chats of another.
 */
describe('chat queue, accept, transfer, end and availability API', () => {
  let t: TestApp;
  let sup: Record<string, string>;
  before(async () => ({ t, sup } = await appWithSupervisor()));
  after(() => t.close());

  const post = (url: string, headers: Record<string, string>, payload?: Record<string, unknown>) =>
    t.http.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) });
  /** A chat in `locale`, handed over; returns it with its routed state. */
  const handedOver = async (locale: string) => {
    const chat = await createChat(t, { locale });
    await requestHandover(t, chat.ticketId, { locale });
    return { ...chat, ...(await chatOf(t, chat.ticketId)) };
  };

  it('queue: members see their teams’ waiting chats, supervisors every queue and every agent’s load', async () => {
    setClock(t, '2025-06-09T02:00:00.000Z');
    const team = await createTeam(t, sup, { languages: ['ja'] });
    const other = await createTeam(t, sup, { languages: ['vi'] });
    const member = await agentOn(t, [team], { maxChats: 1 });
    const outsider = await agentOn(t, [other]);
    const answered = await handedOver('ja');
    const first = await handedOver('ja');
    const second = await handedOver('ja');
    assert.deepEqual([answered.state, first.state, second.state], ['assigned', 'queued', 'queued']);
    setClock(t, '2025-06-09T02:01:30.000Z');

    assert.equal((await t.http.inject({ url: '/api/v1/chat-queue' })).statusCode, 401);
    const customer = await createSession(t.ctx, { type: 'customer', id: (await createCustomer(t.ctx)).id });
    assert.equal((await t.http.inject({ url: '/api/v1/chat-queue', cookies: customer.cookies })).statusCode, 403);
    const noScope = await createApiToken(t.ctx, member.id, ['customers:read']);
    assert.equal((await t.http.inject({ url: '/api/v1/chat-queue', headers: noScope })).statusCode, 403);

    const mine = (await t.http.inject({ url: '/api/v1/chat-queue', headers: member.headers })).json();
    assert.deepEqual(mine.items.map((c: { number: string }) => c.number), [first.number, second.number]);
    const [head] = mine.items;
    assert.equal(head.state, 'queued');
    assert.equal(head.locale, 'ja');
    assert.equal(head.position, 1);
    assert.equal(head.waitSeconds, 90);
    assert.equal(head.etaSeconds, 300, 'one slot online, nothing measured yet: 300 s per chat');
    assert.equal(head.team.id, team);
    assert.deepEqual(head.abilities, { accept: true, transfer: false, end: false });
    assert.deepEqual(mine.mine.map((c: { number: string }) => c.number), [answered.number]);
    assert.deepEqual(mine.mine[0].abilities, { accept: false, transfer: true, end: true });
    assert.deepEqual([mine.me.status, mine.me.maxChats, mine.me.activeChats], ['online', 1, 1]);
    assert.equal(mine.agents, undefined, 'the board is for supervisors');
    assert.equal(mine.abilities.viewAllQueues, false);

    const theirs = (await t.http.inject({ url: '/api/v1/chat-queue', headers: outsider.headers })).json();
    assert.deepEqual(theirs.items, []);

    const board = (await t.http.inject({ url: `/api/v1/chat-queue?teamId=${team}`, headers: sup })).json();
    assert.equal(board.items.length, 2);
    assert.deepEqual(board.items[0].abilities, { accept: true, transfer: true, end: true });
    const load = board.agents.find((a: { id: string }) => a.id === member.id);
    assert.deepEqual([load.status, load.activeChats, load.maxChats, load.teamIds], ['online', 1, 1, [team]]);
    assert.equal((await t.http.inject({ url: '/api/v1/chat-queue?teamId=nope', headers: sup })).json().error.field, 'query.teamId');

    const one = await t.http.inject({ url: `/api/v1/chats/${first.number}`, headers: member.headers });
    assert.equal(one.statusCode, 200);
    assert.equal(one.json().chat.position, 1);
  });

  it('accept: team members (or supervisors) only; of two at once one wins, the other gets 409; limits hold', async () => {
    const team = await createTeam(t, sup, { languages: ['th'] });
    await agentOn(t, [team], { maxChats: 1 });
    await handedOver('th');
    const a = await handedOver('th');
    const b = await handedOver('th');
    const c = await handedOver('th');
    assert.deepEqual([a.state, b.state, c.state], ['queued', 'queued', 'queued']);
    // Away agents get nothing pushed to them, but may still pick a chat themselves.
    const e = await agentOn(t, [team], { status: 'away', maxChats: 1 });
    const f = await agentOn(t, [team], { status: 'away', maxChats: 2 });
    const stranger = await agentOn(t, [], { status: 'away' });

    assert.equal((await post(`/api/v1/chat-queue/${a.ticketId}/accept`, {})).statusCode, 401);
    const denied = await post(`/api/v1/chat-queue/${a.ticketId}/accept`, stranger.headers);
    assert.equal(denied.statusCode, 403);

    const race = await Promise.all([post(`/api/v1/chat-queue/${a.number}/accept`, e.headers), post(`/api/v1/chat-queue/${a.number}/accept`, f.headers)]);
    assert.deepEqual(race.map((r) => r.statusCode).sort(), [200, 409]);
    const winner = race[0]!.statusCode === 200 ? e : f;
    const lost = race.find((r) => r.statusCode === 409)!.json();
    assert.equal(lost.error.code, 'conflict');
    assert.match(lost.error.message, /being answered/);
    const won = race.find((r) => r.statusCode === 200)!.json().chat;
    assert.deepEqual([won.state, won.agent.id, won.abilities.end], ['assigned', winner.id, true]);
    assert.equal((await chatOf(t, a.ticketId)).agentId, winner.id);

    const positions = (await chatUpdates(t, b.ticketId)).map((u) => u.position);
    assert.deepEqual(positions, [2, 1], 'b moved up when a was taken');

    // e has room for one chat: two accepts at once give them exactly one.
    const busy = winner === e ? f : e;
    const limited = winner === e ? null : e;
    if (limited) {
      const both = await Promise.all([post(`/api/v1/chat-queue/${b.ticketId}/accept`, limited.headers), post(`/api/v1/chat-queue/${c.ticketId}/accept`, limited.headers)]);
      assert.deepEqual(both.map((r) => r.statusCode).sort(), [200, 409]);
      assert.match(both.find((r) => r.statusCode === 409)!.json().error.message, /limit is 1/);
    } else {
      const full = await post(`/api/v1/chat-queue/${b.ticketId}/accept`, e.headers);
      assert.equal(full.statusCode, 409);
      assert.match(full.json().error.message, /limit is 1/);
      assert.equal((await post(`/api/v1/chat-queue/${b.ticketId}/accept`, busy.headers)).statusCode, 200);
    }
    const notChat = await t.http.inject({ method: 'POST', url: '/api/v1/tickets', headers: sup, payload: { subject: 'Phone call', body: 'Called about fees.', category: 'platform', customer: { email: 'caller@example.test' } } });
    assert.equal((await post(`/api/v1/chat-queue/${notChat.json().id}/accept`, sup)).statusCode, 404);
    assert.equal((await post('/api/v1/chat-queue/LD-999999999/accept', sup)).statusCode, 404);
  });

  it('transfer to an agent or a team; the agent who let go gets the next waiting chat', async () => {
    const ru = await createTeam(t, sup, { languages: ['ru'] });
    const es = await createTeam(t, sup, { languages: ['es'] });
    const empty = await createTeam(t, sup, { languages: ['ru'], categories: ['security'] });
    const h = await agentOn(t, [ru], { maxChats: 1 });
    const j = await agentOn(t, [es], { maxChats: 2 });
    const offline = await agentOn(t, [es], { status: 'offline' });
    const chat1 = await handedOver('ru');
    const chat2 = await handedOver('ru');
    assert.deepEqual([chat1.agentId, chat2.state], [h.id, 'queued']);
    const url = `/api/v1/chats/${chat1.ticketId}/transfer`;

    assert.equal((await post(url, {}, { agentId: j.id })).statusCode, 401);
    assert.equal((await post(url, j.headers, { agentId: j.id })).statusCode, 403, 'not the one answering it');
    const cases: [Record<string, unknown>, string, string][] = [
      [{}, 'field_required', 'agentId'],
      [{ agentId: j.id, teamId: es }, 'field_invalid', 'teamId'],
      [{ agentId: 'someone' }, 'field_invalid', 'agentId'],
      [{ teamId: '0197a0b0-0000-7000-8000-000000000000' }, 'field_invalid', 'teamId'],
      [{ agentId: h.id }, 'field_invalid', 'agentId'],
      [{ agentId: j.id, note: 'x' }, 'field_unknown', 'note'],
    ];
    for (const [payload, code, field] of cases) {
      const res = await post(url, h.headers, payload);
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.deepEqual([res.json().error.code, res.json().error.field], [code, field], JSON.stringify(payload));
    }
    const unavailable = await post(url, h.headers, { agentId: offline.id });
    assert.equal(unavailable.statusCode, 409);

    const toAgent = await post(url, h.headers, { agentId: j.id });
    assert.equal(toAgent.statusCode, 200, toAgent.body);
    assert.deepEqual([toAgent.json().chat.agent.id, toAgent.json().outcome.state], [j.id, 'assigned']);
    assert.equal((await chatOf(t, chat2.ticketId)).agentId, h.id, 'h’s freed slot took the waiting chat');
    const timeline = await t.ctx.db.selectFrom('ticket_events').select(['type', 'data']).where('ticket_id', '=', chat1.ticketId).where('type', '=', 'chat_transferred').execute();
    assert.deepEqual(JSON.parse(timeline[0]!.data).to, { agentId: j.id, teamId: null });

    // To a team: routed by its rule — assigned when someone is free, else queued, else a left message.
    const toTeam = await post(`/api/v1/chats/${chat2.ticketId}/transfer`, h.headers, { teamId: es });
    assert.deepEqual([toTeam.json().outcome.state, toTeam.json().chat.agent.id, toTeam.json().chat.team.id], ['assigned', j.id, es]);
    const chat3 = await handedOver('ru');
    assert.equal(chat3.agentId, h.id);
    const queued = await post(`/api/v1/chats/${chat3.ticketId}/transfer`, h.headers, { teamId: es });
    assert.deepEqual([queued.json().outcome.state, queued.json().chat.position], ['queued', 1]);
    const left = await post(`/api/v1/chats/${chat3.ticketId}/transfer`, sup, { teamId: empty });
    assert.equal(left.json().outcome.state, 'left_message', 'a supervisor moves a waiting chat to a team nobody staffs');
    assert.equal((await chatOf(t, chat3.ticketId)).ticketTeamId, empty);
    assert.equal((await post(`/api/v1/chats/${chat3.ticketId}/transfer`, sup, { teamId: es })).statusCode, 409, 'no longer live');
  });

  it('end: the answering agent or a supervisor; solves the ticket unless asked not to; frees the slot', async () => {
    const team = await createTeam(t, sup, { languages: ['tr'] });
    const agent = await agentOn(t, [team], { maxChats: 1 });
    const other = await agentOn(t, [team], { status: 'away' });
    const live = await handedOver('tr');
    const waiting = await handedOver('tr');
    const behind = await handedOver('tr');
    const url = `/api/v1/chats/${live.ticketId}/end`;
    assert.equal((await post(url, {})).statusCode, 401);
    assert.equal((await post(url, other.headers)).statusCode, 403);
    assert.equal((await post(url, agent.headers, { solve: 'yes' })).json().error.field, 'solve');

    const ended = await post(url, agent.headers);
    assert.equal(ended.statusCode, 200, ended.body);
    assert.equal(ended.json().chat.state, 'ended');
    assert.deepEqual(ended.json().chat.abilities, { accept: false, transfer: false, end: false });
    const row = await chatOf(t, live.ticketId);
    assert.deepEqual([row.state, row.status, row.agentId], ['ended', 'solved', agent.id], 'the ticket stays theirs for follow-ups');
    assert.equal((await chatOf(t, waiting.ticketId)).agentId, agent.id);
    assert.equal((await post(url, agent.headers)).statusCode, 409);

    const dropped = await post(`/api/v1/chats/${behind.ticketId}/end`, sup, { solve: false });
    assert.equal(dropped.statusCode, 200);
    assert.deepEqual([(await chatOf(t, behind.ticketId)).state, (await chatOf(t, behind.ticketId)).status], ['ended', 'new']);
    assert.equal((await chatUpdates(t, behind.ticketId)).at(-1)!.state, 'ended');
  });

  it('availability: my own, and others’ for supervisors (audited); validation names the field', async () => {
    const { agent, headers } = await agentWithToken(t.ctx, 'agent');
    const me = '/api/v1/agents/me/availability';
    assert.equal((await t.http.inject({ method: 'PUT', url: me, payload: { status: 'online' } })).statusCode, 401);
    assert.equal((await t.http.inject({ url: me, headers })).json().availability.status, 'offline', 'no row yet: offline');
    for (const [payload, field] of [[{ status: 'busy' }, 'status'], [{ status: 'online', maxChats: 0 }, 'maxChats'], [{ status: 'online', maxChats: 2.5 }, 'maxChats'], [{}, 'status']] as const) {
      const res = await setAvailability(t, headers, payload);
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().error.field, field);
    }
    const set = await setAvailability(t, headers, { status: 'online', maxChats: 4 });
    assert.deepEqual([set.json().availability.status, set.json().availability.maxChats, set.json().availability.activeChats], ['online', 4, 0]);

    const other = `/api/v1/agents/${agent.id}/availability`;
    const peer = await agentWithToken(t.ctx, 'agent');
    assert.equal((await t.http.inject({ method: 'PUT', url: other, headers: peer.headers, payload: { status: 'away' } })).statusCode, 403);
    assert.equal((await t.http.inject({ method: 'PUT', url: `/api/v1/agents/${newId()}/availability`, headers: sup, payload: { status: 'away' } })).statusCode, 404);
    const bySup = await t.http.inject({ method: 'PUT', url: other, headers: sup, payload: { status: 'away' } });
    assert.deepEqual([bySup.statusCode, bySup.json().availability.status, bySup.json().availability.maxChats], [200, 'away', 4]);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'details']).where('target_id', '=', agent.id).execute();
    assert.deepEqual(audit.map((a) => a.action), ['agent.availability_changed']);
    assert.deepEqual(JSON.parse(audit[0]!.details).to, { status: 'away', maxChats: 4 });

    // The gateway marks an agent away when their sockets drop — only if they were online.
    assert.equal(await markAgentAway(t.ctx, agent.id), false);
    await setAvailability(t, headers, { status: 'online' });
    assert.equal(await markAgentAway(t.ctx, agent.id), true);
    assert.equal((await t.http.inject({ url: me, headers })).json().availability.status, 'away');
  });
});
