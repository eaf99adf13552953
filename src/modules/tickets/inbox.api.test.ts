import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { agentWithToken, createAgent, createApiToken, createCustomer, createSession } from '../../../test/factories.js';
import { newId, nowIso } from '../../platform/db/ids.js';
import { createTicket } from './testKit.js';

type Row = { id: string; number: string; subject: string; priority: string; status: string; tags: string[]; assignee: { id: string } | null };
type Views = { views: { id: string; count: number }[]; filters: { tags: string[]; statuses: string[] } };

describe('console inbox API', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const get = (url: string, headers: Record<string, string>) => t.http.inject({ method: 'GET', url, headers });
  const uniqueTag = () => `inbox-${randomBytes(4).toString('hex')}`;

  async function teamWith(agentId: string) {
    const id = newId();
    await t.ctx.db.insertInto('teams').values({ id, name: `Team ${id.slice(-4)}`, created_at: nowIso() }).execute();
    await t.ctx.db.insertInto('team_members').values({ team_id: id, agent_id: agentId }).execute();
    return id;
  }

  it('answers 401 without credentials and 403 to customers and tokens without tickets:read', async () => {
    for (const url of ['/api/v1/inbox', '/api/v1/inbox/views']) {
      const anon = await get(url, {});
      assert.equal(anon.statusCode, 401);
      assert.equal(anon.json().error.code, 'unauthenticated');

      const customer = await createCustomer(t.ctx);
      const session = await createSession(t.ctx, { type: 'customer', id: customer.id });
      const asCustomer = await t.http.inject({ method: 'GET', url, cookies: session.cookies });
      assert.equal(asCustomer.statusCode, 403);
      assert.equal(asCustomer.json().error.code, 'forbidden');

      const agent = await createAgent(t.ctx);
      const helpOnly = await createApiToken(t.ctx, agent.id, ['helpcenter:read']);
      const denied = await get(url, helpOnly);
      assert.equal(denied.statusCode, 403);
    }
  });

  it('counts and lists the four views for the asking agent, under the same filters', async () => {
    const { agent, headers } = await agentWithToken(t.ctx);
    const other = await createAgent(t.ctx);
    const teamId = await teamWith(agent.id);
    const tag = uniqueTag();
    const mine = await createTicket(t, headers, { tags: [tag], assigneeId: agent.id });
    await createTicket(t, headers, { tags: [tag], assigneeId: other.id });
    const teamOnly = await createTicket(t, headers, { tags: [tag], teamId });
    const solved = await createTicket(t, headers, { tags: [tag] });
    await t.http.inject({ method: 'PATCH', url: `/api/v1/tickets/${solved.number}`, headers, payload: { status: 'solved' } });

    const res = await get(`/api/v1/inbox/views?tag=${tag}`, headers);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as Views;
    assert.deepEqual(body.views, [
      { id: 'mine', count: 1 },
      { id: 'unassigned', count: 1 },
      { id: 'my_teams', count: 1 },
      { id: 'all', count: 3 },
    ]);
    assert.ok(body.filters.tags.includes(tag));
    assert.ok(body.filters.statuses.includes('unsolved'));

    const list = async (query: string) => ((await get(`/api/v1/inbox?tag=${tag}&${query}`, headers)).json() as { items: Row[] }).items;
    assert.deepEqual((await list('view=mine')).map((r) => r.number), [mine.number]);
    assert.deepEqual((await list('view=my_teams')).map((r) => r.number), [teamOnly.number]);
    assert.deepEqual((await list('view=unassigned')).map((r) => r.number), [teamOnly.number]);
    assert.deepEqual((await list('view=all&status=solved')).map((r) => r.number), [solved.number]);
    assert.equal((await list('view=all&status=any')).length, 4);
  });

  it('filters by priority, category, channel and language, and sorts by priority then waiting time', async () => {
    const { headers } = await agentWithToken(t.ctx);
    const tag = uniqueTag();
    const low = await createTicket(t, headers, { tags: [tag], priority: 'low', locale: 'ko' });
    const urgent = await createTicket(t, headers, { tags: [tag], priority: 'urgent', channel: 'email', locale: 'zh-CN' });
    const normal = await createTicket(t, headers, { tags: [tag], priority: 'normal', category: 'account', fields: {}, locale: 'en' });
    const urgent2 = await createTicket(t, headers, { tags: [tag], priority: 'urgent', locale: 'zh-CN' });
    const numbers = async (query: string) => ((await get(`/api/v1/inbox?tag=${tag}&${query}`, headers)).json() as { items: Row[] }).items.map((r) => r.number);

    assert.deepEqual(await numbers('sort=waiting'), [low.number, urgent.number, normal.number, urgent2.number]);
    assert.deepEqual(await numbers('sort=priority'), [urgent.number, urgent2.number, normal.number, low.number]);
    assert.deepEqual(await numbers('priority=urgent'), [urgent.number, urgent2.number]);
    assert.deepEqual(await numbers('category=account'), [normal.number]);
    assert.deepEqual(await numbers('channel=email'), [urgent.number]);
    assert.deepEqual(await numbers('locale=ko'), [low.number]);

    // Keyset pages of 1 walk the same order without repeats or gaps, in both sorts.
    for (const sort of ['waiting', 'priority']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await get(`/api/v1/inbox?tag=${tag}&sort=${sort}&limit=1${cursor ? `&cursor=${cursor}` : ''}`, headers);
        const page = res.json() as { items: Row[]; nextCursor: string | null };
        seen.push(...page.items.map((r) => r.number));
        cursor = page.nextCursor;
      } while (cursor);
      assert.deepEqual(seen, await numbers(`sort=${sort}`));
    }
  });

  it('finds tickets by number, email, exchange UID and words in the subject or the messages', async () => {
    const { headers } = await agentWithToken(t.ctx);
    const uid = `UID${randomBytes(5).toString('hex').toUpperCase()}`;
    const email = `Search-${randomBytes(4).toString('hex')}@Example.test`;
    const word = `word${randomBytes(4).toString('hex')}`;
    const byCustomer = await createTicket(t, headers, { customer: { externalId: uid, email } });
    const bySubject = await createTicket(t, headers, { subject: `Withdrawal ${word} stuck` });
    const byMessage = await createTicket(t, headers, { body: `充值没到账 ${word}-zh 请尽快处理` });
    const search = async (q: string) => ((await get(`/api/v1/inbox?status=any&q=${encodeURIComponent(q)}`, headers)).json() as { items: Row[] }).items.map((r) => r.number);

    assert.deepEqual(await search(byCustomer.number), [byCustomer.number]);
    assert.deepEqual(await search(byCustomer.number.toLowerCase()), [byCustomer.number]);
    assert.deepEqual(await search(email.toLowerCase()), [byCustomer.number]);
    assert.deepEqual(await search(uid), [byCustomer.number]);
    assert.deepEqual(await search(word.toUpperCase()), [bySubject.number, byMessage.number]);
    assert.deepEqual(await search(`${word}-zh`), [byMessage.number]);
    assert.deepEqual(await search(`充值没到账 ${word}-zh`), [byMessage.number]);
    assert.deepEqual(await search(`充值没到账 ${word}-ko`), []);
    // LIKE wildcards are searched for literally.
    assert.deepEqual(await search('%'), []);
    assert.deepEqual(await search('_'), []);
  });

  it('returns only the asked ids that still match, for live refreshes', async () => {
    const { headers } = await agentWithToken(t.ctx);
    const tag = uniqueTag();
    const a = await createTicket(t, headers, { tags: [tag] });
    const b = await createTicket(t, headers, { tags: [tag], priority: 'high' });
    const res = await get(`/api/v1/inbox?priority=high&ids=${a.id},${b.id}`, headers);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual((res.json() as { items: Row[] }).items.map((r) => r.id), [b.id]);
  });

  it('rejects unknown parameters, bad values and forged cursors with stable codes', async () => {
    const { headers } = await agentWithToken(t.ctx);
    const cases: [string, string, string][] = [
      ['/api/v1/inbox?colour=red', 'field_unknown', 'colour'],
      ['/api/v1/inbox?view=everything', 'field_invalid', 'view'],
      ['/api/v1/inbox?status=lost', 'field_invalid', 'status'],
      ['/api/v1/inbox?ids=not-a-uuid', 'field_invalid', 'ids'],
      ['/api/v1/inbox?limit=500', 'field_invalid', 'limit'],
      ['/api/v1/inbox/views?sort=priority', 'field_unknown', 'sort'],
    ];
    for (const [url, code, field] of cases) {
      const res = await get(url, headers);
      assert.equal(res.statusCode, 400, url);
      assert.equal(res.json().error.code, code, url);
      assert.match(res.json().error.field ?? '', new RegExp(field), url);
    }
    const forged = await get(`/api/v1/inbox?cursor=${Buffer.from('{"after":"x"}').toString('base64url')}`, headers);
    assert.equal(forged.statusCode, 400);
    assert.equal(forged.json().error.code, 'cursor_invalid');
  });
});
