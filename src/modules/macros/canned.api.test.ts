import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { agentWithToken, createApiToken } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { createTicket } from '../tickets/testKit.js';
import { loadCannedDefaults } from './defaults.js';

interface Canned {
  id: string;
  shortcode: string;
  title: string;
  personal: boolean;
  bodies: Record<string, string>;
  abilities: { edit: boolean; delete: boolean };
}

describe('canned responses API', () => {
  let t: TestApp;
  let supervisor: Record<string, string>;
  let agent: Record<string, string>;
  let otherAgent: Record<string, string>;
  let agentName: string;

  before(async () => {
    t = await createTestApp();
    supervisor = (await agentWithToken(t.ctx, 'supervisor')).headers;
    const a = await agentWithToken(t.ctx, 'agent');
    agent = a.headers;
    agentName = a.agent.name;
    otherAgent = (await agentWithToken(t.ctx, 'agent')).headers;
  });
  after(() => t.close());

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, headers: Record<string, string>, payload?: object) =>
    t.http.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const code = () => `refund-${randomUUID().slice(0, 6)}`;

  it('ships the seeds’ common replies in three languages, shared with every agent', async () => {
    const res = await call('GET', '/api/v1/canned-responses?limit=500', agent);
    assert.equal(res.statusCode, 200);
    const body = res.json() as { items: Canned[]; abilities: { createShared: boolean; createPersonal: boolean } };
    const shipped = loadCannedDefaults();
    for (const d of shipped) {
      const found = body.items.find((i) => i.shortcode === d.shortcode);
      assert.ok(found, d.shortcode);
      assert.deepEqual(Object.keys(found.bodies).sort(), ['en', 'ko', 'zh-CN']);
      assert.deepEqual(found.abilities, { edit: false, delete: false }, 'agents cannot edit shared replies');
    }
    assert.deepEqual(body.abilities, { createShared: false, createPersonal: true });
  });

  it('renders one for a ticket in the ticket’s language, with the customer, number and agent filled in', async () => {
    const ticket = await createTicket(t, agent, { locale: 'zh-CN', customer: { externalId: `UID${randomUUID().slice(0, 8)}`, name: '王先生' } });
    const list = (await call('GET', '/api/v1/canned-responses?q=GREET', agent)).json() as { items: Canned[] };
    const greeting = list.items.find((i) => i.shortcode === 'greeting')!;
    const res = await call('POST', `/api/v1/canned-responses/${greeting.id}/render`, agent, { ticket: ticket.number });
    assert.equal(res.statusCode, 200, res.body);
    const rendered = res.json() as { text: string; locale: string; missing: string[] };
    assert.equal(rendered.locale, 'zh-CN');
    assert.equal(rendered.text, `王先生，感谢您联系客服，我是${agentName}，很高兴为您服务。您的工单号是 ${ticket.number}。`);
    assert.deepEqual(rendered.missing, []);
    const korean = (await call('POST', `/api/v1/canned-responses/${greeting.id}/render`, agent, { ticket: ticket.id, locale: 'ko' })).json() as { text: string };
    assert.match(korean.text, /^王先生님, 안녕하세요\. 고객센터 상담원 /);
    const after = (await call('GET', `/api/v1/canned-responses/${greeting.id}`, agent)).json() as { cannedResponse: { uses: number } };
    assert.equal(after.cannedResponse.uses, 2);
  });

  it('lets an agent keep personal replies that nobody else sees', async () => {
    const shortcode = code();
    const created = await call('POST', '/api/v1/canned-responses', agent, { shortcode, title: 'My refund note', bodies: { en: 'Refunds take 3–5 days, {{customer.name | there}}.' }, personal: true });
    assert.equal(created.statusCode, 201, created.body);
    const mine = (created.json() as { cannedResponse: Canned }).cannedResponse;
    assert.deepEqual([mine.personal, mine.abilities.edit], [true, true]);
    const others = (await call('GET', `/api/v1/canned-responses?q=${shortcode}`, otherAgent)).json() as { items: Canned[] };
    assert.equal(others.items.length, 0);
    assert.equal((await call('GET', `/api/v1/canned-responses/${mine.id}`, otherAgent)).statusCode, 404);
    assert.equal((await call('PATCH', `/api/v1/canned-responses/${mine.id}`, otherAgent, { title: 'Mine now' })).statusCode, 404);
    assert.equal((await call('DELETE', `/api/v1/canned-responses/${mine.id}`, otherAgent)).statusCode, 404);
    const renamed = await call('PATCH', `/api/v1/canned-responses/${mine.id}`, agent, { title: 'Refund timing' });
    assert.equal((renamed.json() as { cannedResponse: Canned }).cannedResponse.title, 'Refund timing');
    assert.equal((await call('DELETE', `/api/v1/canned-responses/${mine.id}`, agent)).statusCode, 204);
    assert.equal((await call('GET', `/api/v1/canned-responses/${mine.id}`, agent)).statusCode, 404);
  });

  it('keeps shared replies for supervisors, with shortcodes unique per scope', async () => {
    const shortcode = code();
    const shared = { shortcode, title: 'Refund timing', bodies: { 'zh-CN': '退款通常在 3–5 个工作日内原路退回。' } };
    const denied = await call('POST', '/api/v1/canned-responses', agent, shared);
    assert.equal(denied.statusCode, 403);
    const created = await call('POST', '/api/v1/canned-responses', supervisor, shared);
    assert.equal(created.statusCode, 201, created.body);
    const again = await call('POST', '/api/v1/canned-responses', supervisor, { ...shared, shortcode: shortcode.toUpperCase() });
    assert.equal(again.statusCode, 409);
    assert.deepEqual((again.json() as { error: { code: string; field: string } }).error, { code: 'conflict', field: 'shortcode', message: `The shortcode /${shortcode} is already in use here.` });
    // The same shortcode may exist once more as someone's personal reply.
    assert.equal((await call('POST', '/api/v1/canned-responses', agent, { ...shared, personal: true })).statusCode, 201);
    const id = (created.json() as { cannedResponse: Canned }).cannedResponse.id;
    assert.equal((await call('PATCH', `/api/v1/canned-responses/${id}`, agent, { title: 'x' })).statusCode, 403);
  });

  it('rejects bad input naming the field, and writes nothing', async () => {
    const cases: [object, string][] = [
      [{ shortcode: 'a b', title: 'T', bodies: { en: 'x' } }, 'shortcode'],
      [{ shortcode: code(), title: 'T', bodies: {} }, 'bodies'],
      [{ shortcode: code(), title: 'T', bodies: { en: 'Dear {{customer.password}}' } }, 'bodies.en'],
      [{ shortcode: code(), title: 'T', bodies: { fr: 'Bonjour' } }, 'bodies.fr'],
      [{ shortcode: code(), title: '', bodies: { en: 'x' } }, 'title'],
    ];
    const before = (await call('GET', '/api/v1/canned-responses?limit=500', supervisor)).json() as { items: Canned[] };
    for (const [payload, field] of cases) {
      const res = await call('POST', '/api/v1/canned-responses', supervisor, payload);
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.equal((res.json() as { error: { field?: string } }).error.field, field, JSON.stringify(payload));
    }
    const after = (await call('GET', '/api/v1/canned-responses?limit=500', supervisor)).json() as { items: Canned[] };
    assert.equal(after.items.length, before.items.length);
    const missingTicket = await call('POST', `/api/v1/canned-responses/${before.items[0]!.id}/render`, agent, { ticket: 'LD-999999999' });
    assert.equal(missingTicket.statusCode, 404);
  });

  it('searches shortcodes and titles literally', async () => {
    const shortcode = code();
    await call('POST', '/api/v1/canned-responses', agent, { shortcode, title: '100% refund_policy', bodies: { en: 'x' }, personal: true });
    const hit = (await call('GET', `/api/v1/canned-responses?q=${encodeURIComponent('0% refund_p')}`, agent)).json() as { items: Canned[] };
    assert.deepEqual(hit.items.map((i) => i.shortcode), [shortcode]);
    const miss = (await call('GET', `/api/v1/canned-responses?q=${encodeURIComponent('0%_refund')}`, agent)).json() as { items: Canned[] };
    assert.equal(miss.items.length, 0, '% and _ are not wildcards');
  });

  it('is for agents only', async () => {
    assert.equal((await t.http.inject({ method: 'GET', url: '/api/v1/canned-responses' })).statusCode, 401);
    const readOnly = (await agentWithToken(t.ctx, 'agent')).agent;
    const headers = await createApiToken(t.ctx, readOnly.id, ['tickets:read']);
    assert.equal((await call('POST', '/api/v1/canned-responses', headers, { shortcode: code(), title: 'T', bodies: { en: 'x' }, personal: true })).statusCode, 403);
  });
});
