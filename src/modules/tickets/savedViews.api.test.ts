import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { agentWithToken } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { MAX_SAVED_VIEWS } from './savedViews.js';
import { createTicket } from './testKit.js';

interface SavedView {
  id: string;
  name: string;
  position: number;
  view: string;
  filters: Record<string, string>;
  sort: string;
}

describe('saved inbox views', () => {
  let t: TestApp;
  let me: Record<string, string>;
  let colleague: Record<string, string>;

  before(async () => {
    t = await createTestApp();
    me = (await agentWithToken(t.ctx)).headers;
    colleague = (await agentWithToken(t.ctx)).headers;
  });
  after(() => t.close());

  const save = (headers: Record<string, string>, payload: object) => t.http.inject({ method: 'POST', url: '/api/v1/inbox/saved-views', headers, payload });
  const mine = async (headers: Record<string, string>) => ((await t.http.inject({ method: 'GET', url: '/api/v1/inbox/saved-views', headers })).json() as { items: SavedView[] }).items;

  it('saves a view with filters and sort, and opening it returns what the inbox returns for them', async () => {
    const urgent = await createTicket(t, me, { priority: 'urgent', tags: ['vip'] });
    await createTicket(t, me, { priority: 'low', tags: ['vip'] });
    await createTicket(t, me, { priority: 'urgent' });
    const res = await save(me, { name: 'Urgent security', filters: { priority: 'urgent', category: 'deposit', tag: 'vip' }, sort: 'priority' });
    assert.equal(res.statusCode, 201, res.body);
    const saved = (res.json() as { savedView: SavedView }).savedView;
    assert.deepEqual({ ...saved, id: undefined, position: undefined }, {
      id: undefined, position: undefined, name: 'Urgent security', view: 'all', sort: 'priority',
      filters: { status: 'unsolved', priority: 'urgent', category: 'deposit', tag: 'vip' }, updatedAt: (saved as unknown as { updatedAt: string }).updatedAt,
    });
    const query = new URLSearchParams({ view: saved.view, sort: saved.sort, ...saved.filters });
    const inbox = await t.http.inject({ method: 'GET', url: `/api/v1/inbox?${query}`, headers: me });
    assert.equal(inbox.statusCode, 200, inbox.body);
    assert.deepEqual((inbox.json() as { items: { id: string }[] }).items.map((i) => i.id), [urgent.id]);
  });

  it('keeps each agent’s views to themselves', async () => {
    const [view] = await mine(me);
    assert.deepEqual(await mine(colleague), []);
    for (const method of ['PATCH', 'DELETE'] as const) {
      const res = await t.http.inject({ method, url: `/api/v1/inbox/saved-views/${view!.id}`, headers: colleague, ...(method === 'PATCH' ? { payload: { name: 'Mine' } } : {}) });
      assert.equal(res.statusCode, 404, method);
    }
    // The same name is fine for someone else.
    assert.equal((await save(colleague, { name: view!.name })).statusCode, 201);
  });

  it('renames, reorders and changes filters; a duplicate name is a conflict on the name', async () => {
    const second = ((await save(me, { name: 'KYC in Korean', view: 'my_teams', filters: { category: 'kyc', locale: 'ko' } })).json() as { savedView: SavedView }).savedView;
    const dup = await save(me, { name: 'Urgent security' });
    assert.equal(dup.statusCode, 409);
    assert.equal((dup.json() as { error: { field: string } }).error.field, 'name');
    const moved = await t.http.inject({ method: 'PATCH', url: `/api/v1/inbox/saved-views/${second.id}`, headers: me, payload: { position: 0, filters: { category: 'kyc', locale: 'ko', status: 'pending' } } });
    assert.equal(moved.statusCode, 200, moved.body);
    const list = await mine(me);
    assert.deepEqual(list.map((v) => v.name), ['KYC in Korean', 'Urgent security']);
    assert.deepEqual(list[0]!.filters, { category: 'kyc', locale: 'ko', status: 'pending' });
    assert.equal(list[0]!.view, 'my_teams');
    const clash = await t.http.inject({ method: 'PATCH', url: `/api/v1/inbox/saved-views/${second.id}`, headers: me, payload: { name: 'Urgent security' } });
    assert.equal(clash.statusCode, 409);
    assert.equal((await t.http.inject({ method: 'DELETE', url: `/api/v1/inbox/saved-views/${second.id}`, headers: me })).statusCode, 204);
    assert.deepEqual((await mine(me)).map((v) => v.name), ['Urgent security']);
  });

  it('checks filters with the inbox’s own rules, naming the field, and writes nothing', async () => {
    const cases: [object, string][] = [
      [{ name: 'x', filters: { priority: 'extreme' } }, 'filters.priority'],
      [{ name: 'x', filters: { colour: 'red' } }, 'filters.colour'],
      [{ name: 'x', view: 'everything' }, 'view'],
      [{ name: '' }, 'name'],
      [{ name: 'x', sort: 'random' }, 'sort'],
    ];
    const before = (await mine(me)).length;
    for (const [payload, field] of cases) {
      const res = await save(me, payload);
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.equal((res.json() as { error: { field: string } }).error.field, field, JSON.stringify(payload));
    }
    assert.equal((await mine(me)).length, before);
    assert.equal((await t.http.inject({ method: 'DELETE', url: '/api/v1/inbox/saved-views/nope', headers: me })).statusCode, 400);
  });

  it(`stops at ${MAX_SAVED_VIEWS} views per agent`, async () => {
    const heavy = (await agentWithToken(t.ctx)).headers;
    for (let i = 0; i < MAX_SAVED_VIEWS; i++) assert.equal((await save(heavy, { name: `View ${i}` })).statusCode, 201);
    const over = await save(heavy, { name: 'One too many' });
    assert.equal(over.statusCode, 400);
    assert.match((over.json() as { error: { message: string } }).error.message, /At most 50/);
  });

  it('is for agents only', async () => {
    assert.equal((await t.http.inject({ method: 'GET', url: '/api/v1/inbox/saved-views' })).statusCode, 401);
    assert.equal((await t.http.inject({ method: 'POST', url: '/api/v1/inbox/saved-views', payload: { name: 'x' } })).statusCode, 401);
  });
});
