import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { agentWithToken, createAgent, createApiToken } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import type { DomainEvent } from '../../platform/bus/bus.js';
import { createTicket } from '../tickets/testKit.js';

interface Notification {
  id: string;
  kind: string;
  ticket: { number: string };
  excerpt: string;
  actor: { name: string } | null;
  readAt: string | null;
}
interface Listing {
  items: Notification[];
  unreadCount: number;
  nextCursor: string | null;
}

describe('notifications: @mentions in internal notes', () => {
  let t: TestApp;
  let author: { agent: { id: string; name: string; email: string }; headers: Record<string, string> };
  let mentioned: { agent: { id: string; email: string }; headers: Record<string, string> };
  let bystander: { agent: { id: string; email: string }; headers: Record<string, string> };
  const created: DomainEvent[] = [];

  before(async () => {
    t = await createTestApp();
    author = await agentWithToken(t.ctx);
    mentioned = await agentWithToken(t.ctx);
    bystander = await agentWithToken(t.ctx);
    t.ctx.bus.subscribe('notification.created', (e) => void created.push(e));
  });
  after(() => t.close());

  const note = async (number: string, body: string, visibility: 'internal' | 'public' = 'internal') => {
    const res = await t.http.inject({ method: 'POST', url: `/api/v1/tickets/${number}/messages`, headers: author.headers, payload: { body, visibility } });
    assert.equal(res.statusCode, 201, res.body);
    await t.ctx.relay.drain();
    return res.json() as { id: string };
  };
  const list = async (headers: Record<string, string>, query = '') => {
    const res = await t.http.inject({ method: 'GET', url: `/api/v1/notifications${query}`, headers });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Listing;
  };

  it('notifies the colleague mentioned in a note, once, with the ticket and an excerpt', async () => {
    const ticket = await createTicket(t, author.headers);
    const before = created.length;
    await note(ticket.number, `@${mentioned.agent.email.toUpperCase()} 这位客户的 TRC20 充值 2 小时未到账，请帮忙查链上状态。@${author.agent.email}`);
    const mine = await list(mentioned.headers);
    assert.equal(mine.unreadCount, 1);
    assert.equal(mine.items[0]!.kind, 'mention');
    assert.equal(mine.items[0]!.ticket.number, ticket.number);
    assert.match(mine.items[0]!.excerpt, /TRC20 充值/);
    assert.equal(mine.items[0]!.actor?.name, author.agent.name);
    assert.equal((await list(author.headers)).unreadCount, 0, 'mentioning yourself notifies nobody');
    assert.equal((await list(bystander.headers)).unreadCount, 0);
    assert.deepEqual(created.slice(before).map((e) => e.payload.agentId), [mentioned.agent.id]);
  });

  it('does not notify from public replies, and ignores disabled and unknown colleagues', async () => {
    const ticket = await createTicket(t, author.headers);
    const disabled = await createAgent(t.ctx);
    await t.ctx.db.updateTable('agents').set({ disabled: 1 }).where('id', '=', disabled.id).execute();
    const before = (await list(bystander.headers)).unreadCount;
    await note(ticket.number, `Thanks for waiting, @${bystander.agent.email} will follow up.`, 'public');
    await note(ticket.number, `@${disabled.email} @nobody@desk.example please check`);
    assert.equal((await list(bystander.headers)).unreadCount, before);
    assert.equal(await t.ctx.db.selectFrom('notifications').select('id').where('agent_id', '=', disabled.id).executeTakeFirst(), undefined);
  });

  it('marks some or all read, and never anyone else’s', async () => {
    const ticket = await createTicket(t, author.headers);
    await note(ticket.number, `@${mentioned.agent.email} first`);
    await note(ticket.number, `@${mentioned.agent.email} second`);
    const unread = await list(mentioned.headers, '?unread=true');
    assert.ok(unread.items.length >= 2);
    const [newest] = unread.items;
    const other = await t.http.inject({ method: 'POST', url: '/api/v1/notifications/read', headers: bystander.headers, payload: { ids: [newest!.id] } });
    assert.equal(other.statusCode, 200);
    assert.equal((await list(mentioned.headers)).unreadCount, unread.unreadCount, 'another agent cannot mark mine read');
    const one = await t.http.inject({ method: 'POST', url: '/api/v1/notifications/read', headers: mentioned.headers, payload: { ids: [newest!.id] } });
    assert.deepEqual(one.json(), { unreadCount: unread.unreadCount - 1 });
    const all = await t.http.inject({ method: 'POST', url: '/api/v1/notifications/read', headers: mentioned.headers, payload: { all: true } });
    assert.deepEqual(all.json(), { unreadCount: 0 });
    assert.equal((await list(mentioned.headers, '?unread=true')).items.length, 0);
  });

  it('pages newest first', async () => {
    const ticket = await createTicket(t, author.headers);
    for (let i = 0; i < 3; i++) await note(ticket.number, `@${bystander.agent.email} page ${i}`);
    const first = await list(bystander.headers, '?limit=2');
    assert.deepEqual(first.items.map((n) => n.excerpt.replace(/^.* /, '')), ['2', '1']);
    const second = await list(bystander.headers, `?limit=2&cursor=${first.nextCursor}`);
    assert.equal(second.items[0]!.excerpt.replace(/^.* /, ''), '0');
  });

  it('rejects bad input and strangers', async () => {
    const cases = [{}, { ids: [] }, { ids: ['x'] }, { all: false }, { ids: [crypto.randomUUID()], all: true }];
    for (const payload of cases) {
      const res = await t.http.inject({ method: 'POST', url: '/api/v1/notifications/read', headers: mentioned.headers, payload });
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
    }
    assert.equal((await t.http.inject({ method: 'GET', url: '/api/v1/notifications' })).statusCode, 401);
    const noScope = await createApiToken(t.ctx, mentioned.agent.id, ['customers:read']);
    assert.equal((await t.http.inject({ method: 'GET', url: '/api/v1/notifications', headers: noScope })).statusCode, 403);
  });
});
