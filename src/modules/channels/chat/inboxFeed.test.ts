import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { agentWithToken, createAgent, createApiToken } from '../../../../test/factories.js';
import { FrameClient } from '../../../platform/realtime/testClient.js';
import { createTicket } from '../../tickets/testKit.js';
import { customer, wsUrlOf } from './chatTesting.js';

describe('inbox feed on the chat socket', () => {
  let app: TestApp;
  let baseUrl: string;
  before(async () => {
    app = await createTestApp();
    baseUrl = await app.http.listen({ port: 0, host: '127.0.0.1' });
  });
  after(() => app.close());

  it('refuses customers and tokens without tickets:read', async () => {
    const { client } = await customer(baseUrl);
    await assert.rejects(client.request({ type: 'inbox.watch' }), { code: 'forbidden' });
    client.close();

    const agent = await createAgent(app.ctx);
    const helpOnly = await FrameClient.connect(wsUrlOf(baseUrl), { headers: await createApiToken(app.ctx, agent.id, ['helpcenter:read']) });
    await assert.rejects(helpOnly.request({ type: 'inbox.watch' }), { code: 'forbidden' });
    await assert.rejects(helpOnly.request({ type: 'inbox.watch', extra: 1 }), { code: 'field_unknown' });
    helpOnly.close();
  });

  it('tells a watching agent which ticket was created, changed or got a message, and stops after inbox.leave', async () => {
    const { headers } = await agentWithToken(app.ctx);
    const socket = await FrameClient.connect(wsUrlOf(baseUrl), { headers });
    assert.deepEqual((await socket.request({ type: 'inbox.watch' })).data, { watching: true });

    const ticket = await createTicket(app, headers);
    const created = await socket.next('inbox.changed', (f) => f.ticketId === ticket.id);
    assert.deepEqual(created, { type: 'inbox.changed', ticketId: ticket.id, number: ticket.number, reason: 'created' });

    await app.http.inject({ method: 'PATCH', url: `/api/v1/tickets/${ticket.number}`, headers, payload: { priority: 'urgent' } });
    assert.equal((await socket.next('inbox.changed', (f) => f.ticketId === ticket.id)).reason, 'updated');

    await app.http.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.number}/messages`, headers, payload: { body: '<b>Checking</b> your deposit', visibility: 'internal' } });
    assert.equal((await socket.next('inbox.changed', (f) => f.ticketId === ticket.id)).reason, 'message');

    assert.deepEqual((await socket.request({ type: 'inbox.leave' })).data, { watching: false });
    // A second watcher hears the next ticket; the same delivery would have reached the first by then.
    const witness = await FrameClient.connect(wsUrlOf(baseUrl), { headers });
    await witness.request({ type: 'inbox.watch' });
    const later = await createTicket(app, headers);
    await witness.next('inbox.changed', (f) => f.ticketId === later.id);
    assert.equal(socket.all('inbox.changed').some((f) => f.ticketId === later.id), false);
    witness.close();
    socket.close();
  });

  it("brings a watching agent their own notifications, and nobody else's", async () => {
    const author = await agentWithToken(app.ctx);
    const mentioned = await agentWithToken(app.ctx);
    const mine = await FrameClient.connect(wsUrlOf(baseUrl), { headers: mentioned.headers });
    const theirs = await FrameClient.connect(wsUrlOf(baseUrl), { headers: author.headers });
    await mine.request({ type: 'inbox.watch' });
    await theirs.request({ type: 'inbox.watch' });
    const ticket = await createTicket(app, author.headers);
    await app.http.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.number}/messages`, headers: author.headers, payload: { body: `@${mentioned.agent.email} can you check the TxID?`, visibility: 'internal' } });
    await app.ctx.relay.drain();
    const frame = await mine.next('notification', (f) => f.ticketId === ticket.id);
    assert.equal(frame.kind, 'mention');
    assert.equal(theirs.all('notification').length, 0);
    mine.close();
    theirs.close();
  });
});
