import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { agentWithToken } from '../../../test/factories.js';
import { demoTickets } from './demo/content.js';
import { DEMO_MARKER, loadDemoContent } from './demo/loader.js';

describe('demo content', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ SEED_DEMO: 'true' });
  });
  after(() => t.close());

  it('loads teams, customers and realistic tickets once, readable through the API', async () => {
    const marker = await t.ctx.db.selectFrom('settings').select('value').where('key', '=', DEMO_MARKER).executeTakeFirst();
    assert.ok(marker);
    const { headers } = await agentWithToken(t.ctx);
    const list = await t.http.inject({ url: '/api/v1/tickets?limit=100', headers });
    const items = list.json().items as { id: string; status: string; category: string; number: string }[];
    assert.equal(items.length, demoTickets.length);
    assert.ok(new Set(items.map((i) => i.status)).size >= 5, 'a spread of statuses');
    assert.ok(new Set(items.map((i) => i.category)).size >= 8, 'a spread of categories');

    const teams = await t.ctx.db.selectFrom('teams').select('name').execute();
    assert.ok(teams.some((team) => team.name === '한국어 지원'));
    const locales = await t.ctx.db.selectFrom('tickets').select('locale').distinct().execute();
    assert.deepEqual(locales.map((l) => l.locale).sort(), ['en', 'ko', 'zh-CN']);
    const guests = await t.ctx.db.selectFrom('customers').select('id').where('verified', '=', 0).execute();
    assert.equal(guests.length, 1);

    const deposit = items.find((i) => i.category === 'deposit')!;
    const messages = (await t.http.inject({ url: `/api/v1/tickets/${deposit.id}/messages`, headers })).json().items as { visibility: string; author: { name: string } }[];
    assert.ok(messages.some((m) => m.visibility === 'internal'));
    assert.ok(messages.some((m) => m.author.name === '王芳'));

    assert.equal(await loadDemoContent(t.ctx), false, 'second run does nothing');
    const again = await t.http.inject({ url: '/api/v1/tickets?limit=100', headers });
    assert.equal(again.json().items.length, demoTickets.length);
  });

  it('numbers continue after the demo tickets', async () => {
    const { headers } = await agentWithToken(t.ctx);
    const res = await t.http.inject({
      method: 'POST', url: '/api/v1/tickets', headers,
      payload: { subject: 'After demo', body: 'Question about my account.', category: 'account', customer: { email: 'after-demo@example.test' } },
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().number, `LD-${100001 + demoTickets.length}`);
  });
});
