import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { agentWithToken, createAgent, createApiToken, createCustomer, createSession } from '../../../test/factories.js';
import { createTicket, ticketBody } from './testKit.js';

describe('agent ticket API', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('creates a ticket: 401 without credentials, 403 with a read-only token, 201 with tickets:write', async () => {
    const anon = await t.http.inject({ method: 'POST', url: '/api/v1/tickets', payload: ticketBody() });
    assert.equal(anon.statusCode, 401);
    assert.equal(anon.json().error.code, 'unauthenticated');

    const agent = await createAgent(t.ctx);
    const readOnly = await createApiToken(t.ctx, agent.id, ['tickets:read']);
    const denied = await t.http.inject({ method: 'POST', url: '/api/v1/tickets', headers: readOnly, payload: ticketBody() });
    assert.equal(denied.statusCode, 403);

    const { headers } = await agentWithToken(t.ctx);
    const res = await t.http.inject({ method: 'POST', url: '/api/v1/tickets', headers, payload: ticketBody({ tags: ['VIP', 'trc20'] }) });
    assert.equal(res.statusCode, 201, res.body);
    const ticket = res.json();
    assert.match(ticket.number, /^LD-\d{6,}$/);
    assert.equal(ticket.status, 'new');
    assert.equal(ticket.channel, 'api');
    assert.equal(ticket.priority, 'normal');
    assert.deepEqual(ticket.tags, ['trc20', 'vip']);
    assert.equal(ticket.fields.txHash.length, 64);
    assert.equal(ticket.customer.verified, true);
    assert.equal(ticket.abilities.reply, true);
    assert.deepEqual(ticket.abilities.nextStatuses, ['open', 'pending', 'on_hold', 'solved']);
  });

  it('rejects unknown fields, wrong types and bad category fields naming the field', async () => {
    const { headers } = await agentWithToken(t.ctx);
    const post = (payload: Record<string, unknown>) => t.http.inject({ method: 'POST', url: '/api/v1/tickets', headers, payload });

    const unknown = await post(ticketBody({ colour: 'red' }));
    assert.equal(unknown.statusCode, 400);
    assert.deepEqual([unknown.json().error.code, unknown.json().error.field], ['field_unknown', 'colour']);

    const wrongType = await post(ticketBody({ subject: 42 }));
    assert.equal(wrongType.statusCode, 400);
    assert.deepEqual([wrongType.json().error.code, wrongType.json().error.field], ['field_invalid', 'subject']);

    const badHash = await post(ticketBody({ fields: { coin: 'USDT', network: 'ERC20', amount: '10', txHash: 'abc', address: '0x52908400098527886E0F7030069857D2E4169EE7' } }));
    assert.equal(badHash.statusCode, 400);
    assert.deepEqual([badHash.json().error.code, badHash.json().error.field], ['field_invalid', 'fields.txHash']);

    const floatAmount = await post(ticketBody({ fields: { coin: 'USDT', network: 'TRC20', amount: 12.5, txHash: 'a'.repeat(64), address: 'TXk3pJmNd7sQ5YvW2rBh8LcF4gEaU9oZ1T' } }));
    assert.equal(floatAmount.statusCode, 400);
    assert.equal(floatAmount.json().error.field, 'fields.amount');

    const missing = await post(ticketBody({ fields: { coin: 'USDT' } }));
    assert.equal(missing.statusCode, 400);
    assert.deepEqual([missing.json().error.code, missing.json().error.field], ['field_required', 'fields.network']);

    const noCustomer = await post(ticketBody({ customer: undefined }));
    assert.equal(noCustomer.statusCode, 400);
    assert.equal(noCustomer.json().error.field, 'customer');

    const ghostAssignee = await post(ticketBody({ assigneeId: '01890000-0000-7000-8000-000000000000' }));
    assert.deepEqual([ghostAssignee.statusCode, ghostAssignee.json().error.field], [400, 'assigneeId']);
  });

  it('reads a ticket by id and by number; 401, 403 without tickets:read, 404 for unknown', async () => {
    const { headers } = await agentWithToken(t.ctx);
    const created = await createTicket(t, headers);
    assert.equal((await t.http.inject({ url: `/api/v1/tickets/${created.id}` })).statusCode, 401);
    const agent = await createAgent(t.ctx);
    const noScope = await createApiToken(t.ctx, agent.id, ['customers:read']);
    assert.equal((await t.http.inject({ url: `/api/v1/tickets/${created.id}`, headers: noScope })).statusCode, 403);

    const byNumber = await t.http.inject({ url: `/api/v1/tickets/${created.number}`, headers });
    assert.equal(byNumber.statusCode, 200);
    assert.equal(byNumber.json().id, created.id);
    assert.equal((await t.http.inject({ url: '/api/v1/tickets/LD-999999999', headers })).statusCode, 404);
    assert.equal((await t.http.inject({ url: '/api/v1/tickets/not-a-ticket', headers })).statusCode, 404);
  });

  it('lists with filters and cursor pagination returning every ticket exactly once', async () => {
    const { headers } = await agentWithToken(t.ctx);
    const customer = await createCustomer(t.ctx);
    const ids = new Set<string>();
    for (let i = 0; i < 7; i++) ids.add((await createTicket(t, headers, { customer: undefined, customerId: customer.id, tags: i % 2 ? ['odd'] : [] })).id);

    assert.equal((await t.http.inject({ url: '/api/v1/tickets' })).statusCode, 401);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/tickets?customerId=${customer.id}&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.http.inject({ url, headers });
      assert.equal(res.statusCode, 200, res.body);
      const page = res.json() as { items: { id: string }[]; nextCursor: string | null };
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    assert.equal(seen.length, 7);
    assert.deepEqual(new Set(seen), ids);
    assert.deepEqual([...seen].sort().reverse(), seen, 'newest first');

    const odd = await t.http.inject({ url: `/api/v1/tickets?customerId=${customer.id}&tag=odd`, headers });
    assert.equal(odd.json().items.length, 3);
    const bad = await t.http.inject({ url: '/api/v1/tickets?cursor=garbage', headers });
    assert.deepEqual([bad.statusCode, bad.json().error.code], [400, 'cursor_invalid']);
    const badLimit = await t.http.inject({ url: '/api/v1/tickets?limit=500', headers });
    assert.deepEqual([badLimit.statusCode, badLimit.json().error.field], [400, 'query.limit']);
    const unknownFilter = await t.http.inject({ url: '/api/v1/tickets?colour=red', headers });
    assert.equal(unknownFilter.json().error.code, 'field_unknown');
  });

  it('updates fields with a timeline row each and validates assignee and team', async () => {
    const { headers, agent } = await agentWithToken(t.ctx);
    const created = await createTicket(t, headers);
    const url = `/api/v1/tickets/${created.id}`;
    assert.equal((await t.http.inject({ method: 'PATCH', url, payload: { priority: 'high' } })).statusCode, 401);
    const reader = await createApiToken(t.ctx, agent.id, ['tickets:read']);
    assert.equal((await t.http.inject({ method: 'PATCH', url, headers: reader, payload: { priority: 'high' } })).statusCode, 403);

    const disabled = await createAgent(t.ctx);
    await t.ctx.db.updateTable('agents').set({ disabled: 1 }).where('id', '=', disabled.id).execute();
    const toDisabled = await t.http.inject({ method: 'PATCH', url, headers, payload: { assigneeId: disabled.id } });
    assert.deepEqual([toDisabled.statusCode, toDisabled.json().error.field], [400, 'assigneeId']);
    const noTeam = await t.http.inject({ method: 'PATCH', url, headers, payload: { teamId: '01890000-0000-7000-8000-000000000000' } });
    assert.deepEqual([noTeam.statusCode, noTeam.json().error.field], [400, 'teamId']);

    const res = await t.http.inject({
      method: 'PATCH', url, headers,
      payload: { priority: 'urgent', assigneeId: agent.id, tags: ['wrong-network'], category: 'account', fields: { uid: '88231907' } },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().priority, 'urgent');
    assert.equal(res.json().assignee.id, agent.id);
    assert.deepEqual(res.json().fields, { uid: '88231907' });

    const timeline = (await t.http.inject({ url: `${url}/timeline`, headers })).json().items as { type: string; actor: { id: string } }[];
    const types = timeline.map((e) => e.type);
    for (const type of ['created', 'priority_changed', 'assignee_changed', 'tags_changed', 'category_changed', 'fields_changed']) assert.ok(types.includes(type), type);
    assert.equal(timeline.find((e) => e.type === 'priority_changed')!.actor.id, agent.id);
    assert.equal((await t.http.inject({ url: `${url}/timeline` })).statusCode, 401);
  });

  it('posts replies and internal notes and lists them', async () => {
    const { headers, agent } = await agentWithToken(t.ctx);
    const created = await createTicket(t, headers);
    const url = `/api/v1/tickets/${created.number}/messages`;
    assert.equal((await t.http.inject({ method: 'POST', url, payload: { body: 'hi' } })).statusCode, 401);
    const reader = await createApiToken(t.ctx, agent.id, ['tickets:read']);
    assert.equal((await t.http.inject({ method: 'POST', url, headers: reader, payload: { body: 'hi' } })).statusCode, 403);

    const note = await t.http.inject({ method: 'POST', url, headers, payload: { body: 'Checked on TRONSCAN: confirmed, 20 blocks.', visibility: 'internal' } });
    assert.equal(note.statusCode, 201, note.body);
    assert.equal((await t.http.inject({ url: `/api/v1/tickets/${created.id}`, headers })).json().status, 'new', 'a note does not start work');
    const reply = await t.http.inject({ method: 'POST', url, headers, payload: { body: 'Thanks, we are checking with our wallet team.' } });
    assert.equal(reply.statusCode, 201);
    assert.equal(reply.json().author.id, agent.id);
    assert.equal((await t.http.inject({ url: `/api/v1/tickets/${created.id}`, headers })).json().status, 'open');

    const list = await t.http.inject({ url, headers });
    assert.equal(list.statusCode, 200);
    assert.deepEqual(list.json().items.map((m: { visibility: string }) => m.visibility), ['public', 'internal', 'public']);
    assert.equal((await t.http.inject({ url })).statusCode, 401);
  });

  it('guards every read endpoint with tickets:read and every write with tickets:write', async () => {
    const { headers } = await agentWithToken(t.ctx);
    const ticket = await createTicket(t, headers);
    const agent = await createAgent(t.ctx);
    const customersOnly = await createApiToken(t.ctx, agent.id, ['customers:read']);
    for (const url of ['/api/v1/tickets', `/api/v1/tickets/${ticket.id}`, `/api/v1/tickets/${ticket.id}/messages`, `/api/v1/tickets/${ticket.id}/timeline`]) {
      assert.equal((await t.http.inject({ url })).statusCode, 401, url);
      assert.equal((await t.http.inject({ url, headers: customersOnly })).statusCode, 403, url);
      assert.equal((await t.http.inject({ url, headers })).statusCode, 200, url);
    }
    const customer = await createCustomer(t.ctx);
    const session = await createSession(t.ctx, { type: 'customer', id: customer.id });
    const asCustomer = await t.http.inject({ url: `/api/v1/tickets/${ticket.id}`, cookies: session.cookies });
    assert.equal(asCustomer.statusCode, 403, 'customers never reach the agent API');
    const merge = await t.http.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/merge`, headers: customersOnly, payload: { intoTicket: ticket.number } });
    assert.equal(merge.statusCode, 403);
  });
});
