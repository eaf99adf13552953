import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { agentWithToken, createAgent, createApiToken, createCustomer, createSession } from '../../../test/factories.js';

describe('GET /api/v1/console/areas', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const areasOf = async (role: 'agent' | 'supervisor' | 'admin') => {
    const session = await createSession(t.ctx, { type: 'agent', id: (await createAgent(t.ctx, { role })).id });
    const res = await t.http.inject({ url: '/api/v1/console/areas', cookies: session.cookies });
    assert.equal(res.statusCode, 200, res.body);
    return res.json().areas as Record<string, boolean>;
  };

  it('answers 401 without credentials and 403 to a customer', async () => {
    const anon = await t.http.inject({ url: '/api/v1/console/areas' });
    assert.deepEqual([anon.statusCode, anon.json().error.code], [401, 'unauthenticated']);
    const customer = await createSession(t.ctx, { type: 'customer', id: (await createCustomer(t.ctx)).id });
    const res = await t.http.inject({ url: '/api/v1/console/areas', cookies: customer.cookies });
    assert.deepEqual([res.statusCode, res.json().error.code], [403, 'forbidden']);
  });

  it('offers each role the screens its requests would be accepted on', async () => {
    assert.deepEqual(await areasOf('agent'), {
      agents: false, teams: false, replies: true, sharedReplies: false, helpCenter: false, publishArticles: false, contentGaps: false, bot: false, widget: false, callbacks: true,
    });
    assert.deepEqual(await areasOf('supervisor'), {
      agents: false, teams: true, replies: true, sharedReplies: true, helpCenter: true, publishArticles: true, contentGaps: true, bot: false, widget: false, callbacks: true,
    });
    assert.ok(Object.values(await areasOf('admin')).every(Boolean));
  });

  it('agrees with the owning modules: what it refuses, their routes refuse too', async () => {
    const { agent, headers } = await agentWithToken(t.ctx, 'supervisor');
    const res = await t.http.inject({ url: '/api/v1/console/areas', headers });
    const areas = res.json().areas as Record<string, boolean>;
    // Supervisors may read the agent list, not manage agents: probe a record only admins open.
    const probes: [string, string][] = [['agents', `/api/v1/agents/${agent.id}`], ['widget', '/api/v1/chat/settings'], ['contentGaps', '/api/v1/kb/content-gaps'], ['callbacks', '/api/v1/callbacks']];
    for (const [area, url] of probes) {
      const probe = await t.http.inject({ url, headers });
      assert.equal(probe.statusCode === 200, areas[area], `${area}: ${probe.statusCode}`);
    }
  });

  it('offers the callback queue to a read-only integration token, which may not record outcomes', async () => {
    const { agent } = await agentWithToken(t.ctx);
    const headers = await createApiToken(t.ctx, agent.id, ['tickets:read']);
    const areas = (await t.http.inject({ url: '/api/v1/console/areas', headers })).json().areas as Record<string, boolean>;
    assert.equal(areas.callbacks, true);
    const queue = await t.http.inject({ url: '/api/v1/callbacks', headers });
    assert.deepEqual([queue.statusCode, queue.json().abilities], [200, { recordOutcome: false }]);
  });
});
