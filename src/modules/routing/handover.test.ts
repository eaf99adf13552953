import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestApp } from '../../../test/harness.js';
import type { DomainEvent } from '../../platform/bus/bus.js';
import { recordEvent } from '../../platform/bus/outbox.js';
import { newId, nowIso } from '../../platform/db/ids.js';
import { t as translate } from '../../platform/i18n/index.js';
import { queueSweeper } from './commands/queueSweeper.js';
import { agentOn, appWithSupervisor, chatOf, chatUpdates, createChat, createTeam, requestHandover, setAvailability, setClock } from './testKit.js';

/** Every scenario gets its own database: team choice looks at every team there is. */
async function scenario(fn: (t: TestApp, sup: Record<string, string>) => Promise<void>): Promise<void> {
  const { t, sup } = await appWithSupervisor();
  try {
    await fn(t, sup);
  } finally {
    await t.close();
  }
}

// Shanghai office hours, Monday–Friday 09:00–18:00 (UTC+8, no daylight saving).
const officeHours = { timezone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' })) };
const SATURDAY_NOON_SHANGHAI = '2025-06-07T04:00:00.000Z';
const MONDAY_10_SHANGHAI = '2025-06-09T02:00:00.000Z';

describe('handover: team choice', () => {
  it('prefers language + category, then the most specific team that speaks the language', () =>
    scenario(async (t, sup) => {
      const zhDeposit = await createTeam(t, sup, { languages: ['zh-CN'], categories: ['deposit', 'withdrawal'] });
      const zhAny = await createTeam(t, sup, { languages: ['zh-CN'] });
      const ko = await createTeam(t, sup, { languages: ['ko'] });
      const general = await createTeam(t, sup, {});
      for (const team of [zhDeposit, zhAny, ko, general]) await agentOn(t, [team]);

      const cases: [string, 'deposit' | 'kyc' | 'withdrawal' | 'trading', string][] = [
        ['zh-CN', 'deposit', zhDeposit], ['zh-CN', 'kyc', zhAny], ['ko', 'withdrawal', ko], ['en', 'trading', general],
      ];
      for (const [locale, category, team] of cases) {
        const chat = await createChat(t, { locale, topic: category });
        await requestHandover(t, chat.ticketId, { locale });
        const routed = await chatOf(t, chat.ticketId);
        assert.equal(routed.state, 'assigned', `${locale}/${category}`);
        assert.equal(routed.teamId, team, `${locale}/${category}`);
        assert.equal(routed.ticketTeamId, team);
      }
    }));

  it('the category in the event beats the pre-chat topic, which beats the ticket category', () =>
    scenario(async (t, sup) => {
      const kyc = await createTeam(t, sup, { categories: ['kyc'] });
      const security = await createTeam(t, sup, { categories: ['security'] });
      const complaints = await createTeam(t, sup, { categories: ['complaint'] });
      await agentOn(t, [kyc, security, complaints], { maxChats: 5 });
      const a = await createChat(t, { category: 'complaint', topic: 'kyc' });
      await requestHandover(t, a.ticketId);
      assert.equal((await chatOf(t, a.ticketId)).teamId, kyc);
      const b = await createChat(t, { category: 'complaint', topic: 'kyc' });
      await requestHandover(t, b.ticketId, { category: 'security' });
      assert.equal((await chatOf(t, b.ticketId)).teamId, security);
      const c = await createChat(t, { category: 'complaint' });
      await requestHandover(t, c.ticketId);
      assert.equal((await chatOf(t, c.ticketId)).teamId, complaints);
    }));

  it('falls back to a team speaking the language, then the default team, then any team', () =>
    scenario(async (t, sup) => {
      const jaKyc = await createTeam(t, sup, { languages: ['ja'], categories: ['kyc'] });
      const en = await createTeam(t, sup, { languages: ['en'] });
      await agentOn(t, [jaKyc, en], { maxChats: 10 });

      const ja = await createChat(t, { locale: 'ja', topic: 'deposit' });
      await requestHandover(t, ja.ticketId, { locale: 'ja' });
      assert.equal((await chatOf(t, ja.ticketId)).teamId, jaKyc, 'speaks Japanese, though not about deposits');

      const thAny = await createChat(t, { locale: 'th' });
      await requestHandover(t, thAny.ticketId, { locale: 'th' });
      assert.equal((await chatOf(t, thAny.ticketId)).teamId, jaKyc, 'no default: the oldest team');

      const put = await t.http.inject({ method: 'PUT', url: '/api/v1/routing/settings', headers: sup, payload: { defaultTeamId: en } });
      assert.equal(put.statusCode, 200, put.body);
      const thDefault = await createChat(t, { locale: 'th' });
      await requestHandover(t, thDefault.ticketId, { locale: 'th' });
      assert.equal((await chatOf(t, thDefault.ticketId)).teamId, en, 'the configured default team');
    }));

  it('among equally good teams, one that can take the chat now wins', () =>
    scenario(async (t, sup) => {
      const closed = await createTeam(t, sup, { languages: ['zh-CN'], hours: officeHours });
      const full = await createTeam(t, sup, { languages: ['zh-CN'] });
      const free = await createTeam(t, sup, { languages: ['zh-CN'] });
      setClock(t, SATURDAY_NOON_SHANGHAI);
      await agentOn(t, [closed]);
      const busy = await agentOn(t, [full], { maxChats: 1 });
      const answered = await createChat(t, { locale: 'zh-CN' });
      await t.ctx.db.updateTable('tickets').set({ assignee_id: busy.id }).where('id', '=', answered.ticketId).execute();
      await t.ctx.db.updateTable('chats').set({ state: 'assigned', team_id: full }).where('ticket_id', '=', answered.ticketId).execute();
      await agentOn(t, [free]);

      const chat = await createChat(t, { locale: 'zh-CN' });
      await requestHandover(t, chat.ticketId, { locale: 'zh-CN' });
      assert.equal((await chatOf(t, chat.ticketId)).teamId, free);
    }));
});

describe('handover: assignment, queue and leave-a-message', () => {
  it('assigns the least-loaded online member and never beyond max_chats; then queues with position and ETA', () =>
    scenario(async (t, sup) => {
      const team = await createTeam(t, sup, {});
      const a1 = await agentOn(t, [team], { maxChats: 2 });
      const first = await createChat(t);
      await requestHandover(t, first.ticketId);
      assert.equal((await chatOf(t, first.ticketId)).agentId, a1.id);

      const a2 = await agentOn(t, [team], { maxChats: 2 });
      const second = await createChat(t);
      await requestHandover(t, second.ticketId);
      assert.equal((await chatOf(t, second.ticketId)).agentId, a2.id, 'a2 had no chat, a1 had one');

      for (let i = 0; i < 2; i++) {
        const c = await createChat(t);
        await requestHandover(t, c.ticketId);
        assert.equal((await chatOf(t, c.ticketId)).state, 'assigned');
      }
      const loads = await t.ctx.db.selectFrom('tickets').select('assignee_id').where('assignee_id', 'in', [a1.id, a2.id]).execute();
      assert.equal(loads.filter((l) => l.assignee_id === a1.id).length, 2);
      assert.equal(loads.filter((l) => l.assignee_id === a2.id).length, 2);

      const waiting1 = await createChat(t);
      const waiting2 = await createChat(t);
      await requestHandover(t, waiting1.ticketId);
      await requestHandover(t, waiting2.ticketId);
      const routed = await chatOf(t, waiting2.ticketId);
      assert.deepEqual([routed.state, routed.agentId, routed.teamId], ['queued', null, team]);
      // No history yet: 300 s per chat (fallback), 4 slots online → a slot every 75 s, rounded up to 30 s.
      const [update1] = await chatUpdates(t, waiting1.ticketId);
      const [update2] = await chatUpdates(t, waiting2.ticketId);
      assert.deepEqual({ position: update1!.position, eta: update1!.etaSeconds }, { position: 1, eta: 90 });
      assert.deepEqual({ position: update2!.position, eta: update2!.etaSeconds, state: update2!.state }, { position: 2, eta: 150, state: 'queued' });

      // a2 ends a chat: the oldest waiting chat is theirs at once, and the next one moves up.
      const end = await t.http.inject({ method: 'POST', url: `/api/v1/chats/${second.ticketId}/end`, headers: a2.headers });
      assert.equal(end.statusCode, 200, end.body);
      assert.equal((await chatOf(t, waiting1.ticketId)).agentId, a2.id);
      assert.equal((await chatOf(t, waiting1.ticketId)).state, 'assigned');
      const moved = (await chatUpdates(t, waiting2.ticketId)).at(-1)!;
      assert.deepEqual([moved.state, moved.position], ['queued', 1]);
      const taken = (await chatUpdates(t, waiting1.ticketId)).at(-1)!;
      assert.deepEqual([taken.state, taken.agentId, taken.ticketNumber], ['assigned', a2.id, waiting1.number]);
    }));

  it('an agent coming online takes the waiting chats of their teams, oldest first, up to their limit', () =>
    scenario(async (t, sup) => {
      const team = await createTeam(t, sup, {});
      await agentOn(t, [team], { maxChats: 1 });
      const busy = await createChat(t);
      await requestHandover(t, busy.ticketId);
      const chats = [];
      for (let i = 0; i < 3; i++) {
        const c = await createChat(t);
        await requestHandover(t, c.ticketId);
        chats.push(c);
      }
      const late = await agentOn(t, [team], { status: 'away', maxChats: 2 });
      assert.equal((await chatOf(t, chats[0]!.ticketId)).state, 'queued', 'away takes nothing');
      const res = await setAvailability(t, late.headers, { status: 'online' });
      assert.equal(res.json().availability.activeChats, 2);
      assert.deepEqual((await Promise.all(chats.map((c) => chatOf(t, c.ticketId)))).map((c) => c.agentId), [late.id, late.id, null]);
      const last = (await chatUpdates(t, chats[2]!.ticketId)).at(-1)!;
      assert.equal(last.position, 1);
    }));

  it('a chat ended elsewhere (the customer closed the widget) frees its agent’s slot', () =>
    scenario(async (t, sup) => {
      const team = await createTeam(t, sup, {});
      const agent = await agentOn(t, [team], { maxChats: 1 });
      const live = await createChat(t);
      const waiting = await createChat(t);
      await requestHandover(t, live.ticketId);
      await requestHandover(t, waiting.ticketId);
      // What the chat module does when the customer ends the conversation.
      await t.ctx.transaction(async (trx) => {
        await trx.updateTable('chats').set({ state: 'ended', ended_at: nowIso() }).where('ticket_id', '=', live.ticketId).execute();
        await recordEvent(trx, 'chat.updated', { ticketId: live.ticketId, state: 'ended', teamId: team, agentId: agent.id, ticketNumber: live.number });
      });
      await t.ctx.relay.drain();
      await t.ctx.relay.drain();
      assert.deepEqual([(await chatOf(t, waiting.ticketId)).state, (await chatOf(t, waiting.ticketId)).agentId], ['assigned', agent.id]);
    }));

  it('outside business hours the chat becomes a left message with its ticket number, in the customer’s language', () =>
    scenario(async (t, sup) => {
      const team = await createTeam(t, sup, { hours: officeHours });
      const agent = await agentOn(t, [team]);
      setClock(t, SATURDAY_NOON_SHANGHAI);
      for (const locale of ['zh-CN', 'en', 'ko'] as const) {
        const chat = await createChat(t, { locale });
        await requestHandover(t, chat.ticketId, { locale });
        const routed = await chatOf(t, chat.ticketId);
        assert.deepEqual([routed.state, routed.agentId, routed.ticketTeamId, routed.status], ['left_message', null, team, 'new'], 'kept open for the team');
        const message = await t.ctx.db.selectFrom('messages').selectAll().where('ticket_id', '=', chat.ticketId).where('author_type', '=', 'system').executeTakeFirstOrThrow();
        assert.equal(message.body, translate(locale, 'routing.leftMessage.outsideHours', { number: chat.number }));
        assert.ok(message.body.includes(chat.number));
        assert.equal(message.visibility, 'public');
        assert.deepEqual(JSON.parse(message.meta!), { leftMessage: true, ticketNumber: chat.number, reason: 'outside_hours' });
        const update = (await chatUpdates(t, chat.ticketId)).at(-1)!;
        assert.deepEqual([update.state, update.ticketNumber, update.teamId], ['left_message', chat.number, team]);
        const created = await t.ctx.db.selectFrom('outbox').select('payload').where('topic', '=', 'message.created').execute();
        assert.ok(created.some((r) => JSON.parse(r.payload).messageId === message.id), 'message.created recorded');
      }
      assert.match(translate('zh-CN', 'routing.leftMessage.outsideHours', { number: 'LD-1' }), /工单 LD-1/);
      assert.match(translate('ko', 'routing.leftMessage.outsideHours', { number: 'LD-1' }), /문의 번호 LD-1/);

      setClock(t, MONDAY_10_SHANGHAI);
      const open = await createChat(t);
      await requestHandover(t, open.ticketId);
      assert.equal((await chatOf(t, open.ticketId)).agentId, agent.id, 'open on Monday morning');
    }));

  it('nobody online (or only away): leave a message; everyone busy: queue', () =>
    scenario(async (t, sup) => {
      const team = await createTeam(t, sup, {});
      const nobody = await createChat(t, { locale: 'zh-CN' });
      await requestHandover(t, nobody.ticketId, { locale: 'zh-CN' });
      assert.equal((await chatOf(t, nobody.ticketId)).state, 'left_message');
      const note = await t.ctx.db.selectFrom('messages').select(['body', 'meta']).where('ticket_id', '=', nobody.ticketId).where('author_type', '=', 'system').executeTakeFirstOrThrow();
      assert.equal(note.body, translate('zh-CN', 'routing.leftMessage.nobodyAvailable', { number: nobody.number }));

      const away = await agentOn(t, [team], { status: 'away' });
      const onlyAway = await createChat(t);
      await requestHandover(t, onlyAway.ticketId);
      assert.equal((await chatOf(t, onlyAway.ticketId)).state, 'left_message');

      await setAvailability(t, away.headers, { status: 'online', maxChats: 1 });
      const taken = await createChat(t);
      await requestHandover(t, taken.ticketId);
      const waiting = await createChat(t);
      await requestHandover(t, waiting.ticketId);
      assert.deepEqual([(await chatOf(t, taken.ticketId)).state, (await chatOf(t, waiting.ticketId)).state], ['assigned', 'queued']);

      // The last member going away keeps the queue (a short break); going offline releases it.
      await setAvailability(t, away.headers, { status: 'away' });
      assert.equal((await chatOf(t, waiting.ticketId)).state, 'queued');
      await setAvailability(t, away.headers, { status: 'offline' });
      assert.equal((await chatOf(t, waiting.ticketId)).state, 'left_message');
      assert.equal((await chatOf(t, taken.ticketId)).state, 'assigned', 'a chat being answered stays with its agent');
    }));

  it('the sweep turns a closed team’s queue into left messages', () =>
    scenario(async (t, sup) => {
      const team = await createTeam(t, sup, { hours: officeHours });
      await agentOn(t, [team], { maxChats: 1 });
      setClock(t, MONDAY_10_SHANGHAI);
      const busy = await createChat(t);
      await requestHandover(t, busy.ticketId);
      const waiting = await createChat(t, { locale: 'ko' });
      await requestHandover(t, waiting.ticketId, { locale: 'ko' });
      assert.equal((await chatOf(t, waiting.ticketId)).state, 'queued');
      assert.equal(await queueSweeper(t.ctx), 0, 'open and staffed: nothing to do');
      setClock(t, SATURDAY_NOON_SHANGHAI);
      assert.equal(await queueSweeper(t.ctx), 1);
      assert.equal(await queueSweeper(t.ctx), 0, 'idempotent');
      assert.equal((await chatOf(t, waiting.ticketId)).state, 'left_message');
      const note = await t.ctx.db.selectFrom('messages').select('body').where('ticket_id', '=', waiting.ticketId).where('author_type', '=', 'system').executeTakeFirstOrThrow();
      assert.equal(note.body, translate('ko', 'routing.leftMessage.outsideHours', { number: waiting.number }));
    }));

  it('the same event delivered twice, or twice recorded, routes the chat once', () =>
    scenario(async (t, sup) => {
      const team = await createTeam(t, sup, {});
      await agentOn(t, [team]);
      await agentOn(t, [team]);
      const chat = await createChat(t);
      const event: DomainEvent = { id: newId(), topic: 'chat.handover_requested', payload: { ticketId: chat.ticketId, reason: 'bot', locale: 'en' }, createdAt: nowIso() };
      // Relayed twice (at-least-once), then recorded once more.
      await t.ctx.jobs.acceptEvents([event]);
      await t.ctx.jobs.acceptEvents([event]);
      // Recorded again with the same content, so whichever job runs first the record is the same.
      await requestHandover(t, chat.ticketId, { reason: 'bot', locale: 'en' });
      const assignments = await t.ctx.db.selectFrom('ticket_events').select('data').where('ticket_id', '=', chat.ticketId).where('type', '=', 'assignee_changed').execute();
      assert.equal(assignments.length, 1);
      assert.equal((await chatUpdates(t, chat.ticketId)).length, 1);
      const handovers = await t.ctx.db.selectFrom('ticket_events').select('data').where('ticket_id', '=', chat.ticketId).where('type', '=', 'chat_handover').execute();
      assert.deepEqual(JSON.parse(handovers[0]!.data), { reason: 'bot', locale: 'en', category: 'platform', teamId: team });
    }));

  it('ignores malformed events and chats that are no longer with the bot', () =>
    scenario(async (t, sup) => {
      await agentOn(t, [await createTeam(t, sup, {})]);
      const chat = await createChat(t);
      await t.ctx.db.updateTable('chats').set({ state: 'ended' }).where('ticket_id', '=', chat.ticketId).execute();
      await requestHandover(t, chat.ticketId);
      await t.ctx.jobs.acceptEvents([{ id: newId(), topic: 'chat.handover_requested', payload: { ticketId: 42 }, createdAt: nowIso() }]);
      await t.ctx.jobs.drain();
      assert.equal((await chatOf(t, chat.ticketId)).state, 'ended');
      assert.equal((await chatUpdates(t, chat.ticketId)).length, 0);
    }));
});
