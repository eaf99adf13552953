import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { agentWithToken, createCustomer, createSession } from '../../../test/factories.js';
import { GUEST_COOKIE, guestCsrfToken } from '../identity/http/authenticate.js';
import { guestLinkFor, guestTokenFor } from './guestLinks.js';
import { ticketCreator } from './commands/ticketCreator.js';
import { createTicket, ticketBody } from './testKit.js';

describe('customer ticket API', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const customerBody = (extra: Record<string, unknown> = {}) => {
    const { customer: _drop, ...rest } = ticketBody();
    return { ...rest, ...extra };
  };
  const guestAuth = (ticketId: string) => {
    const token = guestTokenFor(t.ctx, ticketId);
    return { cookies: { [GUEST_COOKIE]: token }, headers: { 'x-csrf-token': guestCsrfToken(t.ctx.secret, token) } };
  };

  it('lets a signed-in customer open, list and read only their own tickets', async () => {
    const me = await createCustomer(t.ctx);
    const other = await createCustomer(t.ctx);
    const mine = await createSession(t.ctx, { type: 'customer', id: me.id });
    const theirs = await createSession(t.ctx, { type: 'customer', id: other.id });

    const res = await t.http.inject({ method: 'POST', url: '/api/v1/me/tickets', ...mine, payload: customerBody() });
    assert.equal(res.statusCode, 201, res.body);
    const ticket = res.json();
    assert.equal(ticket.status, 'new');
    assert.equal(ticket.channel, 'web');
    assert.equal(ticket.id, undefined, 'no internal id');
    assert.equal(ticket.priority, undefined, 'no internal priority');

    const list = await t.http.inject({ url: '/api/v1/me/tickets', ...mine });
    assert.deepEqual(list.json().items.map((i: { number: string }) => i.number), [ticket.number]);
    assert.equal((await t.http.inject({ url: `/api/v1/me/tickets/${ticket.number}`, ...mine })).statusCode, 200);

    const stranger = await t.http.inject({ url: `/api/v1/me/tickets/${ticket.number}`, ...theirs });
    assert.equal(stranger.statusCode, 404, 'never 403: existence must not leak');
    const strangerReply = await t.http.inject({ method: 'POST', url: `/api/v1/me/tickets/${ticket.number}/messages`, ...theirs, payload: { body: 'hi' } });
    assert.equal(strangerReply.statusCode, 404);
    assert.equal((await t.http.inject({ url: '/api/v1/me/tickets', ...theirs })).json().items.length, 0);
  });

  it('answers 401 without credentials and 403 to agents', async () => {
    const { headers } = await agentWithToken(t.ctx);
    assert.equal((await t.http.inject({ url: '/api/v1/me/tickets' })).statusCode, 401);
    assert.equal((await t.http.inject({ url: '/api/v1/me/tickets/LD-100001' })).statusCode, 401);
    assert.equal((await t.http.inject({ method: 'POST', url: '/api/v1/me/tickets/LD-100001/messages', payload: { body: 'x' } })).statusCode, 401);
    assert.equal((await t.http.inject({ url: '/api/v1/me/tickets', headers })).statusCode, 403);
    assert.equal((await t.http.inject({ method: 'POST', url: '/api/v1/me/tickets', headers, payload: customerBody() })).statusCode, 403);
  });

  it('lets an anonymous visitor open a ticket with an email; the link is logged, not returned', async () => {
    const noEmail = await t.http.inject({ method: 'POST', url: '/api/v1/me/tickets', payload: customerBody() });
    assert.deepEqual([noEmail.statusCode, noEmail.json().error.field], [400, 'customer.email']);

    const verified = await createCustomer(t.ctx, { email: 'whale@example.test' });
    const res = await t.http.inject({ method: 'POST', url: '/api/v1/me/tickets', payload: customerBody({ customer: { email: 'whale@example.test', name: 'Kim' } }) });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(JSON.stringify(res.json()).includes('/t/'), false);
    const row = await t.ctx.db.selectFrom('tickets').innerJoin('customers', 'customers.id', 'tickets.customer_id')
      .select(['customers.id', 'customers.verified']).where('tickets.number', '=', res.json().number).executeTakeFirstOrThrow();
    assert.notEqual(row.id, verified.id, 'a typed email never lands on the verified account');
    assert.equal(row.verified, 0);
  });

  it('a guest link sees exactly its ticket, never internal notes, and can reply', async () => {
    const { headers } = await agentWithToken(t.ctx);
    const guestTicket = await createTicket(t, headers, { customer: { email: 'guest@example.test' } });
    const sibling = await createTicket(t, headers, { customer: { email: 'guest@example.test' } });
    assert.equal(guestTicket.customer.id, sibling.customer.id, 'same guest customer');
    await t.http.inject({ method: 'POST', url: `/api/v1/tickets/${guestTicket.id}/messages`, headers, payload: { body: 'Customer seems to be on the wrong network.', visibility: 'internal' } });
    await t.http.inject({ method: 'POST', url: `/api/v1/tickets/${guestTicket.id}/messages`, headers, payload: { body: 'Could you send a screenshot of the withdrawal record?' } });
    await t.ctx.db.updateTable('agents').set({ name: 'Minji Park' }).execute();

    const guest = guestAuth(guestTicket.id);
    const list = await t.http.inject({ url: '/api/v1/me/tickets', cookies: guest.cookies });
    assert.deepEqual(list.json().items.map((i: { number: string }) => i.number), [guestTicket.number]);
    assert.equal((await t.http.inject({ url: `/api/v1/me/tickets/${sibling.number}`, cookies: guest.cookies })).statusCode, 404);

    const read = await t.http.inject({ url: `/api/v1/me/tickets/${guestTicket.number}`, cookies: guest.cookies });
    assert.equal(read.statusCode, 200);
    const messages = read.json().messages as { body: string; author: { type: string; name: string | null } }[];
    assert.equal(messages.length, 2, 'note hidden');
    assert.ok(!JSON.stringify(read.json()).includes('wrong network'));
    assert.deepEqual(messages[1]!.author, { type: 'agent', name: 'Minji' });

    const reply = await t.http.inject({ method: 'POST', url: `/api/v1/me/tickets/${guestTicket.number}/messages`, ...guest, payload: { body: 'Screenshot attached next.' } });
    assert.equal(reply.statusCode, 201, reply.body);
    const noCsrf = await t.http.inject({ method: 'POST', url: `/api/v1/me/tickets/${guestTicket.number}/messages`, cookies: guest.cookies, payload: { body: 'x' } });
    assert.equal(noCsrf.statusCode, 403);
    const internal = await t.http.inject({ method: 'POST', url: `/api/v1/me/tickets/${guestTicket.number}/messages`, ...guest, payload: { body: 'x', visibility: 'internal' } });
    assert.deepEqual([internal.statusCode, internal.json().error.code], [400, 'field_unknown']);
  });

  it('a customer reply reopens a pending or solved ticket', async () => {
    const { headers } = await agentWithToken(t.ctx);
    const me = await createCustomer(t.ctx);
    const session = await createSession(t.ctx, { type: 'customer', id: me.id });
    const ticket = await createTicket(t, headers, { customer: undefined, customerId: me.id });
    const patch = (status: string) => t.http.inject({ method: 'PATCH', url: `/api/v1/tickets/${ticket.id}`, headers, payload: { status } });
    const reply = () => t.http.inject({ method: 'POST', url: `/api/v1/me/tickets/${ticket.number}/messages`, ...session, payload: { body: 'Any update?' } });
    const status = async () => (await t.http.inject({ url: `/api/v1/me/tickets/${ticket.number}`, ...session })).json().status;

    assert.equal((await patch('pending')).statusCode, 200);
    assert.equal((await reply()).statusCode, 201);
    assert.equal(await status(), 'open');
    assert.equal((await patch('solved')).statusCode, 200);
    assert.equal((await reply()).statusCode, 201);
    assert.equal(await status(), 'open');
    await patch('solved');
    assert.equal((await patch('closed')).statusCode, 200);
    const late = await reply();
    assert.deepEqual([late.statusCode, late.json().error.code], [409, 'transition_not_allowed']);
  });

  it('pages through the conversation of my ticket; 401 anonymous, 404 for others', async () => {
    const { headers } = await agentWithToken(t.ctx);
    const me = await createCustomer(t.ctx);
    const session = await createSession(t.ctx, { type: 'customer', id: me.id });
    const ticket = await createTicket(t, headers, { customer: undefined, customerId: me.id });
    for (let i = 0; i < 3; i++) await t.http.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/messages`, headers, payload: { body: `Update ${i}` } });
    await t.http.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/messages`, headers, payload: { body: 'secret note', visibility: 'internal' } });
    const url = `/api/v1/me/tickets/${ticket.number}/messages`;
    assert.equal((await t.http.inject({ url })).statusCode, 401);
    const other = await createSession(t.ctx, { type: 'customer', id: (await createCustomer(t.ctx)).id });
    assert.equal((await t.http.inject({ url, cookies: other.cookies })).statusCode, 404);
    const first = (await t.http.inject({ url: `${url}?limit=2`, cookies: session.cookies })).json();
    const second = (await t.http.inject({ url: `${url}?limit=2&cursor=${first.nextCursor}`, cookies: session.cookies })).json();
    const bodies = [...first.items, ...second.items].map((m: { body: string }) => m.body);
    assert.equal(bodies.length, 4);
    assert.equal(second.nextCursor, null);
    assert.ok(!bodies.includes('secret note'));
  });

  it('a guest ticket gets a signed link that opens exactly that ticket', async () => {
    const created = await ticketCreator({
      ctx: t.ctx, actor: null, origin: { ip: '203.0.113.9', userAgent: 'test' },
      input: { subject: 'Cannot log in', body: 'The code never arrives.', category: 'account', customer: { email: 'link@example.test' } },
    });
    assert.ok(created.guestToken);
    const link = guestLinkFor(t.ctx, created.ticket.id, created.guestToken);
    assert.ok(link.startsWith(`${t.config.PUBLIC_URL}/t/`));
    const read = await t.http.inject({ url: `/api/v1/me/tickets/${created.ticket.number}`, cookies: { [GUEST_COOKIE]: created.guestToken } });
    assert.equal(read.statusCode, 200);
    const verified = await createCustomer(t.ctx);
    const session = await createSession(t.ctx, { type: 'customer', id: verified.id });
    const own = await t.http.inject({ method: 'POST', url: '/api/v1/me/tickets', ...session, payload: customerBody() });
    const row = await t.ctx.db.selectFrom('tickets').select('id').where('number', '=', own.json().number).executeTakeFirstOrThrow();
    const viaCommand = await ticketCreator({
      ctx: t.ctx, actor: { kind: 'customer', customerId: verified.id, verified: true, sessionId: 'x' }, origin: { ip: null, userAgent: null },
      input: { subject: 'Second', body: 'Another question.', category: 'account' },
    });
    assert.equal(viaCommand.guestToken, undefined, 'verified customers sign in instead');
    assert.ok(row.id);
  });
});
