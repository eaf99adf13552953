import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { agentWithToken, createAgent, createApiToken, createCustomer, createSession } from '../../../test/factories.js';
import { createTicket } from './testKit.js';

describe('merging tickets', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const merge = (headers: Record<string, string> | undefined, from: string, into: string) =>
    t.http.inject({ method: 'POST', url: `/api/v1/tickets/${from}/merge`, ...(headers ? { headers } : {}), payload: { intoTicket: into } });

  it('merges a duplicate of the same customer and tells the customer on both tickets', async () => {
    const { headers, agent } = await agentWithToken(t.ctx);
    const customer = await createCustomer(t.ctx, { locale: 'zh-CN' });
    const survivor = await createTicket(t, headers, { customer: undefined, customerId: customer.id });
    const duplicate = await createTicket(t, headers, { customer: undefined, customerId: customer.id });

    assert.equal((await merge(undefined, duplicate.id, survivor.number)).statusCode, 401);
    const reader = await createApiToken(t.ctx, agent.id, ['tickets:read']);
    assert.equal((await merge(reader, duplicate.id, survivor.number)).statusCode, 403);

    const res = await merge(headers, duplicate.id, survivor.number);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().source.status, 'closed');
    assert.deepEqual(res.json().source.mergedInto, { id: survivor.id, number: survivor.number });

    const read = await t.http.inject({ url: `/api/v1/tickets/${duplicate.number}`, headers });
    assert.equal(read.json().mergedInto.number, survivor.number);
    assert.equal(read.json().abilities.reply, false);

    const session = await createSession(t.ctx, { type: 'customer', id: customer.id });
    const seen = (await t.http.inject({ url: `/api/v1/me/tickets/${duplicate.number}`, ...session })).json();
    assert.equal(seen.mergedInto.number, survivor.number);
    assert.ok(seen.messages.length >= 2, 'old messages stay readable');
    assert.ok(seen.messages.at(-1).body.includes(survivor.number), 'system message names the survivor');
    assert.ok(seen.messages.at(-1).body.includes('合并'), 'in the ticket language');
    const target = (await t.http.inject({ url: `/api/v1/me/tickets/${survivor.number}`, ...session })).json();
    assert.ok(target.messages.at(-1).body.includes(duplicate.number));

    const reply = await t.http.inject({ method: 'POST', url: `/api/v1/tickets/${duplicate.id}/messages`, headers, payload: { body: 'late reply' } });
    assert.equal(reply.statusCode, 409);
    assert.equal(reply.json().error.code, 'ticket_merged');
    assert.ok(reply.json().error.message.includes(survivor.number));
    const customerReply = await t.http.inject({ method: 'POST', url: `/api/v1/me/tickets/${duplicate.number}/messages`, ...session, payload: { body: 'hello?' } });
    assert.equal(customerReply.json().error.code, 'ticket_merged');

    const types = (await t.http.inject({ url: `/api/v1/tickets/${survivor.id}/timeline`, headers })).json().items.map((e: { type: string }) => e.type);
    assert.ok(types.includes('merged_from'));
  });

  it('refuses to merge into itself, into a merged or closed ticket, or a merged ticket again', async () => {
    const { headers } = await agentWithToken(t.ctx);
    const customer = await createCustomer(t.ctx);
    const mk = () => createTicket(t, headers, { customer: undefined, customerId: customer.id });
    const [a, b, c, closed] = [await mk(), await mk(), await mk(), await mk()];

    const self = await merge(headers, a.id, a.number);
    assert.deepEqual([self.statusCode, self.json().error.field], [400, 'intoTicket']);
    assert.equal((await merge(headers, a.id, 'LD-999999999')).json().error.field, 'intoTicket');

    assert.equal((await merge(headers, b.id, c.id)).statusCode, 200);
    const intoMerged = await merge(headers, a.id, b.id);
    assert.deepEqual([intoMerged.statusCode, intoMerged.json().error.field], [409, 'intoTicket']);
    const again = await merge(headers, b.id, a.id);
    assert.deepEqual([again.statusCode, again.json().error.code], [409, 'ticket_merged']);

    await t.http.inject({ method: 'PATCH', url: `/api/v1/tickets/${closed.id}`, headers, payload: { status: 'solved' } });
    await t.http.inject({ method: 'PATCH', url: `/api/v1/tickets/${closed.id}`, headers, payload: { status: 'closed' } });
    assert.equal((await merge(headers, a.id, closed.id)).statusCode, 409);
  });

  it('needs a supervisor to merge tickets of different customers', async () => {
    const { headers } = await agentWithToken(t.ctx, 'agent');
    const supervisor = await createAgent(t.ctx, { role: 'supervisor' });
    const supHeaders = await createApiToken(t.ctx, supervisor.id);
    const a = await createTicket(t, headers);
    const b = await createTicket(t, headers);
    assert.equal((await merge(headers, a.id, b.id)).statusCode, 403);
    assert.equal((await merge(supHeaders, a.id, b.id)).statusCode, 200);
  });

  it('survives two opposite merges at once: exactly one wins', async () => {
    const { headers } = await agentWithToken(t.ctx);
    const customer = await createCustomer(t.ctx);
    const a = await createTicket(t, headers, { customer: undefined, customerId: customer.id });
    const b = await createTicket(t, headers, { customer: undefined, customerId: customer.id });
    const results = await Promise.all([merge(headers, a.id, b.id), merge(headers, b.id, a.id)]);
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 409]);
  });
});
