import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestApp } from '../../../test/harness.js';
import { agentWithToken, createAgent } from '../../../test/factories.js';
import { newId } from '../../platform/db/ids.js';
import { agentOn, appWithSupervisor, chatOf, createChat, createTeam, requestHandover } from './testKit.js';

describe('teams: languages, categories, hours and members', () => {
  let t: TestApp;
  let sup: Record<string, string>;
  before(async () => ({ t, sup } = await appWithSupervisor()));
  after(() => t.close());

  const hours = { timezone: 'Asia/Seoul', days: [{ day: 1, from: '09:00', to: '18:00' }, { day: 5, from: '22:00', to: '06:00' }] };

  it('creates, reads and changes a team with its skills and members; every change audited', async () => {
    const alice = await createAgent(t.ctx, { name: 'Alice' });
    const bob = await createAgent(t.ctx, { name: 'Bob' });
    const created = await t.http.inject({
      method: 'POST', url: '/api/v1/teams', headers: sup,
      payload: { name: `Korea ${newId()}`, languages: ['ko', 'ko'], categories: ['deposit', 'withdrawal'], hours, members: [alice.id] },
    });
    assert.equal(created.statusCode, 201, created.body);
    const team = created.json().team;
    assert.deepEqual([team.languages, team.categories, team.hours], [['ko'], ['deposit', 'withdrawal'], hours]);
    assert.deepEqual(team.members, [{ id: alice.id, name: 'Alice' }]);

    const patched = await t.http.inject({ method: 'PATCH', url: `/api/v1/teams/${team.id}`, headers: sup, payload: { hours: null, members: [bob.id], categories: [] } });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.deepEqual([patched.json().team.hours, patched.json().team.categories, patched.json().team.languages], [null, [], ['ko']]);
    assert.deepEqual(patched.json().team.members, [{ id: bob.id, name: 'Bob' }]);

    const { headers } = await agentWithToken(t.ctx, 'agent');
    const one = await t.http.inject({ url: `/api/v1/teams/${team.id}`, headers });
    assert.equal(one.json().team.members[0].id, bob.id);
    assert.equal(one.json().abilities.manageTeams, false);
    const list = await t.http.inject({ url: '/api/v1/teams?limit=100', headers });
    assert.ok(list.json().items.some((x: { id: string; languages: string[] }) => x.id === team.id && x.languages[0] === 'ko'));
    assert.equal((await t.http.inject({ url: `/api/v1/teams/${newId()}`, headers })).statusCode, 404);

    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'details']).where('target_id', '=', team.id).orderBy('id').execute();
    assert.deepEqual(audit.map((a) => a.action), ['team.created', 'team.updated']);
    assert.deepEqual(JSON.parse(audit[1]!.details).membersBefore, [alice.id]);
  });

  it('rejects bad input naming the field', async () => {
    const name = `Bad ${newId()}`;
    const cases: [Record<string, unknown>, string, string][] = [
      [{ name, languages: ['klingon'] }, 'field_invalid', 'languages.0'],
      [{ name, categories: ['deposit', 'lottery'] }, 'field_invalid', 'categories.1'],
      [{ name, hours: { timezone: 'Mars/Olympus', days: [{ day: 1, from: '09:00', to: '18:00' }] } }, 'field_invalid', 'hours.timezone'],
      [{ name, hours: { timezone: 'UTC', days: [{ day: 7, from: '09:00', to: '18:00' }] } }, 'field_invalid', 'hours.days.0.day'],
      [{ name, hours: { timezone: 'UTC', days: [{ day: 1, from: '9:00', to: '18:00' }] } }, 'field_invalid', 'hours.days.0.from'],
      [{ name, hours: { timezone: 'UTC', days: [{ day: 1, from: '09:00', to: '09:00' }] } }, 'field_invalid', 'hours.days.0.to'],
      [{ name, hours: { timezone: 'UTC', days: [] } }, 'field_invalid', 'hours.days'],
      [{ name, members: ['not-an-id'] }, 'field_invalid', 'members.0'],
      [{ name, members: [newId()] }, 'field_invalid', 'members.0'],
      [{ name, colour: 'red' }, 'field_unknown', 'colour'],
      [{ name: '  ' }, 'field_invalid', 'name'],
      [{}, 'field_required', 'name'],
    ];
    for (const [payload, code, field] of cases) {
      const res = await t.http.inject({ method: 'POST', url: '/api/v1/teams', headers: sup, payload });
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.deepEqual([res.json().error.code, res.json().error.field], [code, field], JSON.stringify(payload));
    }
    assert.equal((await t.ctx.db.selectFrom('teams').select('id').where('name', '=', name).execute()).length, 0, 'nothing half-created');
    const missing = await t.http.inject({ method: 'PATCH', url: `/api/v1/teams/${newId()}`, headers: sup, payload: { name: 'x' } });
    assert.equal(missing.statusCode, 404);
  });

  it('permissions: agents read, supervisors write; the default team setting', async () => {
    const agent = await agentWithToken(t.ctx, 'agent');
    assert.equal((await t.http.inject({ url: '/api/v1/teams/' + newId() })).statusCode, 401);
    assert.equal((await t.http.inject({ method: 'PATCH', url: `/api/v1/teams/${newId()}`, payload: { name: 'x' } })).statusCode, 401);
    assert.equal((await t.http.inject({ method: 'POST', url: '/api/v1/teams', headers: agent.headers, payload: { name: 'VIP', languages: ['en'] } })).statusCode, 403);

    assert.equal((await t.http.inject({ url: '/api/v1/routing/settings' })).statusCode, 401);
    assert.deepEqual((await t.http.inject({ url: '/api/v1/routing/settings', headers: agent.headers })).json(), { defaultTeamId: null });
    assert.equal((await t.http.inject({ method: 'PUT', url: '/api/v1/routing/settings', headers: agent.headers, payload: { defaultTeamId: null } })).statusCode, 403);
    const unknown = await t.http.inject({ method: 'PUT', url: '/api/v1/routing/settings', headers: sup, payload: { defaultTeamId: newId() } });
    assert.deepEqual([unknown.statusCode, unknown.json().error.field], [400, 'defaultTeamId']);
    const team = await createTeam(t, sup, {});
    const ok = await t.http.inject({ method: 'PUT', url: '/api/v1/routing/settings', headers: sup, payload: { defaultTeamId: team } });
    assert.deepEqual(ok.json(), { defaultTeamId: team });
    await t.http.inject({ method: 'PUT', url: '/api/v1/routing/settings', headers: sup, payload: { defaultTeamId: null } });
  });

  it('an online agent added to a team takes its waiting chats', async () => {
    const team = await createTeam(t, sup, { languages: ['id'] });
    await agentOn(t, [team], { maxChats: 1 });
    const first = await createChat(t, { locale: 'id' });
    const waiting = await createChat(t, { locale: 'id' });
    await requestHandover(t, first.ticketId);
    await requestHandover(t, waiting.ticketId);
    assert.equal((await chatOf(t, waiting.ticketId)).state, 'queued');
    const helper = await agentOn(t, []);
    const members = (await t.http.inject({ url: `/api/v1/teams/${team}`, headers: sup })).json().team.members.map((m: { id: string }) => m.id);
    const res = await t.http.inject({ method: 'PATCH', url: `/api/v1/teams/${team}`, headers: sup, payload: { members: [...members, helper.id] } });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((await chatOf(t, waiting.ticketId)).agentId, helper.id);
  });
});
