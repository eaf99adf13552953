import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { agentWithToken, createCustomer, createSession } from '../../../test/factories.js';
import { createTicket } from './testKit.js';

describe('PATCH /api/v1/tickets/:id with baseUpdatedAt', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('answers 401 without credentials and 403 to a customer, whatever the base', async () => {
    const { headers } = await agentWithToken(t.ctx);
    const ticket = await createTicket(t, headers);
    const payload = { priority: 'high', baseUpdatedAt: ticket.updatedAt };
    const anon = await t.http.inject({ method: 'PATCH', url: `/api/v1/tickets/${ticket.number}`, payload });
    assert.equal(anon.statusCode, 401);
    const customer = await createCustomer(t.ctx);
    const s = await createSession(t.ctx, { type: 'customer', id: customer.id });
    const asCustomer = await t.http.inject({ method: 'PATCH', url: `/api/v1/tickets/${ticket.number}`, payload, ...s });
    assert.equal(asCustomer.statusCode, 403);
  });

  it('writes when the base is current and refuses a stale one with 409 conflict, writing nothing', async () => {
    const { headers } = await agentWithToken(t.ctx);
    const ticket = await createTicket(t, headers);
    const patch = (payload: Record<string, unknown>) => t.http.inject({ method: 'PATCH', url: `/api/v1/tickets/${ticket.number}`, headers, payload });

    const first = await patch({ priority: 'high', baseUpdatedAt: ticket.updatedAt });
    assert.equal(first.statusCode, 200, first.body);
    const current = first.json() as { updatedAt: string; priority: string };

    const stale = await patch({ status: 'solved', baseUpdatedAt: ticket.updatedAt });
    assert.equal(stale.statusCode, 409);
    assert.deepEqual([stale.json().error.code, stale.json().error.field], ['conflict', 'baseUpdatedAt']);
    const after = (await t.http.inject({ method: 'GET', url: `/api/v1/tickets/${ticket.number}`, headers })).json() as { status: string; updatedAt: string };
    assert.deepEqual([after.status, after.updatedAt], ['new', current.updatedAt]);

    const bad = await patch({ status: 'open', baseUpdatedAt: 'yesterday' });
    assert.deepEqual([bad.statusCode, bad.json().error.field], [400, 'baseUpdatedAt']);
    // Without a base the last writer wins, as before.
    assert.equal((await patch({ status: 'open' })).statusCode, 200);
  });
});
