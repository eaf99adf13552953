import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { agentWithToken } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { createTicket } from '../tickets/testKit.js';

interface Applied {
  ticket: { id: string; status: string; priority: string; assigneeId: string | null; updatedAt: string };
  messageId: string | null;
  missing: string[];
}

describe('macros API', () => {
  let t: TestApp;
  let supervisor: Record<string, string>;
  let agent: { agent: { id: string; name: string }; headers: Record<string, string> };
  let other: Record<string, string>;
  let askTxid: string;

  before(async () => {
    t = await createTestApp();
    supervisor = (await agentWithToken(t.ctx, 'supervisor')).headers;
    agent = await agentWithToken(t.ctx);
    other = (await agentWithToken(t.ctx)).headers;
    const canned = (await t.http.inject({ method: 'GET', url: '/api/v1/canned-responses?q=deposit-need-txid', headers: agent.headers })).json() as { items: { id: string }[] };
    askTxid = canned.items[0]!.id;
  });
  after(() => t.close());

  const create = (payload: object, headers = supervisor) => t.http.inject({ method: 'POST', url: '/api/v1/macros', headers, payload });
  const apply = (id: string, payload: object, headers = agent.headers) => t.http.inject({ method: 'POST', url: `/api/v1/macros/${id}/apply`, headers, payload });
  const messages = async (ticket: string) =>
    ((await t.http.inject({ method: 'GET', url: `/api/v1/tickets/${ticket}/messages`, headers: agent.headers })).json() as { items: { id: string; body: string; visibility: string }[] }).items;

  it('sends the reply in the ticket’s language and applies every change in one action', async () => {
    const res = await create({ name: 'Deposit: ask for TxID, pending, take it', actions: { reply: { cannedResponseId: askTxid }, status: 'pending', priority: 'high', assignee: 'me', addTags: ['need-txid'] } });
    assert.equal(res.statusCode, 201, res.body);
    const macro = (res.json() as { macro: { id: string; abilities: { edit: boolean } } }).macro;
    const ticket = await createTicket(t, agent.headers, { locale: 'ko' });
    const applied = await apply(macro.id, { ticket: ticket.number });
    assert.equal(applied.statusCode, 200, applied.body);
    const body = applied.json() as Applied;
    assert.deepEqual([body.ticket.status, body.ticket.priority, body.ticket.assigneeId], ['pending', 'high', agent.agent.id]);
    const sent = (await messages(ticket.id)).find((m) => m.id === body.messageId)!;
    assert.match(sent.body, /^입금 내역을 확인하기 위해/);
    assert.equal(sent.visibility, 'public');
    const detail = (await t.http.inject({ method: 'GET', url: `/api/v1/tickets/${ticket.id}`, headers: agent.headers })).json() as { tags: string[] };
    assert.ok(detail.tags.includes('need-txid'));
    const listed = (await t.http.inject({ method: 'GET', url: `/api/v1/macros/${macro.id}`, headers: agent.headers })).json() as { macro: { uses: number } };
    assert.equal(listed.macro.uses, 1);
  });

  it('does nothing at all when one part cannot happen', async () => {
    const res = await create({ name: `Note and close ${randomUUID().slice(0, 4)}`, actions: { reply: { bodies: { en: 'Closing as duplicate of {{ticket.number}}.' }, visibility: 'internal' }, status: 'closed' } });
    const macro = (res.json() as { macro: { id: string } }).macro;
    const ticket = await createTicket(t, agent.headers);
    const before = await messages(ticket.id);
    const applied = await apply(macro.id, { ticket: ticket.id });
    assert.equal(applied.statusCode, 409, applied.body);
    assert.equal((applied.json() as { error: { code: string } }).error.code, 'transition_not_allowed');
    assert.equal((await messages(ticket.id)).length, before.length, 'the note was not kept either');
  });

  it('refuses a stale ticket before writing anything', async () => {
    const macro = ((await create({ name: `Escalate ${randomUUID().slice(0, 4)}`, actions: { reply: { bodies: { en: 'Escalated, {{customer.name | there}}.' } }, priority: 'urgent' } })).json() as { macro: { id: string } }).macro;
    const ticket = await createTicket(t, agent.headers);
    const stale = '2020-01-01T00:00:00.000Z';
    const applied = await apply(macro.id, { ticket: ticket.id, baseUpdatedAt: stale });
    assert.equal(applied.statusCode, 409);
    assert.equal((applied.json() as { error: { field: string } }).error.field, 'baseUpdatedAt');
    assert.equal((await messages(ticket.id)).length, 1);
  });

  it('keeps shared macros for supervisors and personal ones private', async () => {
    assert.equal((await create({ name: 'Mine', actions: { priority: 'low' } }, agent.headers)).statusCode, 403);
    const personal = await create({ name: 'Mine', actions: { priority: 'low' }, personal: true }, agent.headers);
    assert.equal(personal.statusCode, 201, personal.body);
    const id = (personal.json() as { macro: { id: string } }).macro.id;
    assert.equal((await t.http.inject({ method: 'GET', url: `/api/v1/macros/${id}`, headers: other })).statusCode, 404);
    const ticket = await createTicket(t, other);
    assert.equal((await apply(id, { ticket: ticket.id }, other)).statusCode, 404);
    assert.equal((await create({ name: 'Mine', actions: { priority: 'high' }, personal: true }, agent.headers)).statusCode, 409);
    assert.equal((await t.http.inject({ method: 'DELETE', url: `/api/v1/macros/${id}`, headers: agent.headers })).statusCode, 204);
  });

  it('rejects malformed macros naming the field', async () => {
    const cases: [object, string][] = [
      [{ name: 'x', actions: {} }, 'actions'],
      [{ name: 'x', actions: { status: 'exploded' } }, 'actions.status'],
      [{ name: 'x', actions: { reply: { visibility: 'public' } } }, 'actions.reply.bodies'],
      [{ name: 'x', actions: { reply: { cannedResponseId: randomUUID() } } }, 'actions.reply.cannedResponseId'],
      [{ name: 'x', actions: { reply: { bodies: { en: 'Hi {{customer.secret}}' } } } }, 'actions.reply.bodies.en'],
      [{ name: 'x', actions: { assignee: 'someone' } }, 'actions.assignee'],
    ];
    for (const [payload, field] of cases) {
      const res = await create(payload);
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.equal((res.json() as { error: { field: string } }).error.field, field, JSON.stringify(payload));
    }
    assert.equal((await t.http.inject({ method: 'GET', url: '/api/v1/macros' })).statusCode, 401);
  });
});
