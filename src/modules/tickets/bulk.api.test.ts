import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { agentWithToken, createApiToken } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { createTicket } from './testKit.js';

interface BulkAnswer {
  results: ({ id: string; ok: true; number: string } | { id: string; ok: false; error: { code: string; field?: string } })[];
  updated: number;
  failed: number;
}

describe('bulk ticket changes', () => {
  let t: TestApp;
  let agent: { agent: { id: string }; headers: Record<string, string> };
  let colleague: { agent: { id: string } };

  before(async () => {
    t = await createTestApp();
    agent = await agentWithToken(t.ctx);
    colleague = await agentWithToken(t.ctx);
  });
  after(() => t.close());

  const bulk = (payload: object, headers = agent.headers) => t.http.inject({ method: 'POST', url: '/api/v1/tickets/bulk', headers, payload });
  const ticketOf = async (id: string) => (await t.http.inject({ method: 'GET', url: `/api/v1/tickets/${id}`, headers: agent.headers })).json() as { assignee: { id: string } | null; tags: string[]; priority: string };

  it('assigns and tags every ticket it can, and reports the one it cannot with its error', async () => {
    const customer = { externalId: `UID${randomUUID().slice(0, 8)}` };
    const a = await createTicket(t, agent.headers, { customer, tags: ['vip'] });
    const b = await createTicket(t, agent.headers, { customer });
    const merged = await createTicket(t, agent.headers, { customer });
    const mergeRes = await t.http.inject({ method: 'POST', url: `/api/v1/tickets/${merged.id}/merge`, headers: agent.headers, payload: { intoTicket: a.number } });
    assert.equal(mergeRes.statusCode, 200, mergeRes.body);
    const missing = randomUUID();

    const res = await bulk({ ticketIds: [a.id, b.id, merged.id, missing], changes: { assigneeId: colleague.agent.id, priority: 'high', addTags: ['deposit-delay', 'VIP'] } });
    assert.equal(res.statusCode, 200, res.body);
    const answer = res.json() as BulkAnswer;
    assert.deepEqual(answer.results.map((r) => [r.id, r.ok, r.ok ? r.number : r.error.code]), [
      [a.id, true, a.number], [b.id, true, b.number], [merged.id, false, 'ticket_merged'], [missing, false, 'not_found'],
    ]);
    assert.deepEqual([answer.updated, answer.failed], [2, 2]);
    for (const id of [a.id, b.id]) {
      const ticket = await ticketOf(id);
      assert.equal(ticket.assignee?.id, colleague.agent.id);
      assert.equal(ticket.priority, 'high');
    }
    assert.deepEqual((await ticketOf(a.id)).tags, ['deposit-delay', 'vip'], 'added to what it had');
    assert.deepEqual((await ticketOf(b.id)).tags, ['deposit-delay', 'vip']);

    const removed = (await bulk({ ticketIds: [a.id, b.id], changes: { removeTags: ['vip'], assigneeId: null } })).json() as BulkAnswer;
    assert.equal(removed.updated, 2);
    assert.deepEqual((await ticketOf(a.id)).tags, ['deposit-delay']);
    assert.equal((await ticketOf(b.id)).assignee, null);
  });

  it('reports a change a ticket cannot take without stopping the others', async () => {
    const a = await createTicket(t, agent.headers);
    const b = await createTicket(t, agent.headers);
    await t.http.inject({ method: 'PATCH', url: `/api/v1/tickets/${b.id}`, headers: agent.headers, payload: { status: 'solved' } });
    await t.http.inject({ method: 'PATCH', url: `/api/v1/tickets/${b.id}`, headers: agent.headers, payload: { status: 'closed' } });
    const answer = (await bulk({ ticketIds: [b.id, a.id], changes: { status: 'pending' } })).json() as BulkAnswer;
    assert.deepEqual(answer.results.map((r) => r.ok), [false, true]);
    assert.equal((answer.results[0] as { error: { code: string } }).error.code, 'transition_not_allowed');
  });

  it('rejects a malformed request before touching any ticket', async () => {
    const ticket = await createTicket(t, agent.headers);
    const cases: [object, string][] = [
      [{ ticketIds: [ticket.id], changes: {} }, 'changes'],
      [{ ticketIds: [], changes: { priority: 'low' } }, 'ticketIds'],
      [{ ticketIds: [ticket.id, ticket.id], changes: { priority: 'low' } }, 'ticketIds'],
      [{ ticketIds: Array.from({ length: 201 }, () => randomUUID()), changes: { priority: 'low' } }, 'ticketIds'],
      [{ ticketIds: [ticket.number], changes: { priority: 'low' } }, 'ticketIds.0'],
      [{ ticketIds: [ticket.id], changes: { subject: 'x' } }, 'changes.subject'],
      [{ ticketIds: [ticket.id], changes: { addTags: ['not a tag!'] } }, 'changes.addTags.0'],
    ];
    for (const [payload, field] of cases) {
      const res = await bulk(payload);
      assert.equal(res.statusCode, 400, JSON.stringify(payload).slice(0, 200));
      const error = (res.json() as { error: { field: string } }).error;
      assert.equal(error.field, field, JSON.stringify(payload).slice(0, 200));
    }
    assert.equal((await ticketOf(ticket.id)).priority, 'normal');
  });

  it('needs a signed-in writer', async () => {
    const ticket = await createTicket(t, agent.headers);
    assert.equal((await t.http.inject({ method: 'POST', url: '/api/v1/tickets/bulk', payload: { ticketIds: [ticket.id], changes: { priority: 'low' } } })).statusCode, 401);
    const reader = await createApiToken(t.ctx, agent.agent.id, ['tickets:read']);
    assert.equal((await bulk({ ticketIds: [ticket.id], changes: { priority: 'low' } }, reader)).statusCode, 403);
  });
});
