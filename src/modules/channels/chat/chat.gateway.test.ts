import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { defaultBotSettings, saveBotSettings } from '../../bot/settings.js';
import { agentWithToken } from '../../../../test/factories.js';
import { FrameClient } from '../../../platform/realtime/testClient.js';
import { bodies, clientId, customer, identityToken, IDENTITY_SECRET, startChat, wsUrlOf } from './chatTesting.js';

describe('chat gateway', () => {
  let app: TestApp;
  let baseUrl: string;
  let agentHeaders: Record<string, string>;

  before(async () => {
    app = await createTestApp({ EXCHANGE_IDENTITY_SECRET: IDENTITY_SECRET });
    // These tests are about the transport: exact message lists, so the bot stays out (its own tests cover it).
    await saveBotSettings(app.ctx.db, { ...defaultBotSettings, enabled: false });
    baseUrl = await app.http.listen({ port: 0, host: '127.0.0.1' });
    agentHeaders = (await agentWithToken(app.ctx)).headers;
  });
  after(async () => {
    await app.close();
  });

  const agentReply = async (chatId: string, body: string, visibility: 'public' | 'internal' = 'public') => {
    const res = await app.http.inject({ method: 'POST', url: `/api/v1/tickets/${chatId}/messages`, headers: agentHeaders, payload: { body, visibility } });
    assert.equal(res.statusCode, 201, res.body);
    return (res.json() as { id: string }).id;
  };

  it('a verified identity token makes a verified customer; the chat is a chat ticket in state bot', async () => {
    const uid = `UID-${Date.now()}`;
    const { client, hello } = await customer(baseUrl, { identity: await identityToken({ sub: uid, name: 'Kim', email: 'kim@example.test' }) });
    assert.equal(hello.identity, 'verified');
    const { chat, first } = await startChat(client);
    assert.equal(chat.state, 'bot');
    assert.match(chat.ticketNumber, /^LD-\d+$/);
    const ticket = await app.ctx.db.selectFrom('tickets').innerJoin('customers', 'customers.id', 'tickets.customer_id')
      .select(['tickets.channel', 'tickets.category', 'customers.external_id', 'customers.verified']).where('tickets.id', '=', chat.chatId).executeTakeFirstOrThrow();
    assert.deepEqual(ticket, { channel: 'chat', category: 'deposit', external_id: uid, verified: 1 });
    const row = await app.ctx.db.selectFrom('chats').select(['state', 'topic']).where('ticket_id', '=', chat.chatId).executeTakeFirstOrThrow();
    assert.deepEqual(row, { state: 'bot', topic: 'deposit' });
    assert.ok(first.id);
    client.close();
  });

  it('a forged or expired identity token gets an error frame and the socket continues as a guest', async () => {
    const forged = await customer(baseUrl, { identity: await identityToken({ sub: 'UID-victim' }, { secret: 'not-the-exchange-secret-but-long-enough-0000' }) });
    assert.equal(forged.hello.identity, 'guest');
    assert.equal((await forged.client.next('error')).code, 'identity_invalid');
    const expired = await customer(baseUrl, { identity: await identityToken({ sub: 'UID-late' }, { expiresIn: Math.floor(Date.now() / 1000) - 3600 }) });
    assert.equal(expired.hello.identity, 'guest');
    assert.equal((await expired.client.next('error')).code, 'identity_expired');
    const garbage = await customer(baseUrl, { identity: 'not.a.jwt' });
    assert.equal(garbage.hello.identity, 'guest');
    // A guest's chat belongs to an unverified customer, never to the UID in the forged token.
    const { chat } = await startChat(forged.client, 'hello', { email: 'victim@example.test' });
    const owner = await app.ctx.db.selectFrom('tickets').innerJoin('customers', 'customers.id', 'tickets.customer_id')
      .select(['customers.verified', 'customers.external_id']).where('tickets.id', '=', chat.chatId).executeTakeFirstOrThrow();
    assert.deepEqual(owner, { verified: 0, external_id: null });
    for (const c of [forged, expired, garbage]) c.client.close();
  });

  it('nothing works before hello', async () => {
    const client = await FrameClient.connect(wsUrlOf(baseUrl));
    const err = await client.request({ type: 'chat.start', topic: 'deposit', locale: 'en', body: 'hi', clientId: clientId() }).catch((e: { code: string }) => e);
    assert.equal((err as { code: string }).code, 'unauthenticated');
    client.close();
  });

  it('start, send and receive: an agent reply through the tickets API reaches the customer; internal notes never do', async () => {
    const { client } = await customer(baseUrl);
    const { chat } = await startChat(client, 'Where is my deposit?');
    const sent = await client.request({ type: 'message.send', chatId: chat.chatId, clientId: clientId(), body: '<b>tx</b> 0xabc 🙂' });
    assert.equal((sent.data.message as { body: string }).body, '<b>tx</b> 0xabc 🙂');
    await agentReply(chat.chatId, 'internal: customer looks legit', 'internal');
    await agentReply(chat.chatId, 'We are checking your deposit now.');
    const reply = await client.next('message', (f) => (f.message as { body: string }).body === 'We are checking your deposit now.');
    assert.equal((reply.message as { author: { type: string } }).author.type, 'agent');
    assert.deepEqual(bodies(client.all('message')), ['We are checking your deposit now.']);
    client.close();
  });

  it('a resent message (same client id) is stored once and acknowledged with the same message', async () => {
    const { client } = await customer(baseUrl);
    const { chat } = await startChat(client);
    const id = clientId();
    const first = await client.request({ type: 'message.send', chatId: chat.chatId, clientId: id, body: 'once' });
    const again = await client.request({ type: 'message.send', chatId: chat.chatId, clientId: id, body: 'once' });
    assert.equal((again.data.message as { id: string }).id, (first.data.message as { id: string }).id);
    assert.equal(again.data.duplicate, true);
    const rows = await app.ctx.db.selectFrom('messages').select('id').where('ticket_id', '=', chat.chatId).where('client_id', '=', id).execute();
    assert.equal(rows.length, 1);
    client.close();
  });

  it('reconnect and resume: everything missed arrives once, in order, then live messages follow', async () => {
    const first = await customer(baseUrl);
    const { chat } = await startChat(first.client);
    await agentReply(chat.chatId, 'm1');
    const m1 = await first.client.next('message');
    first.client.close();
    await first.client.closed;
    for (const body of ['m2', 'm3', 'm4']) await agentReply(chat.chatId, body);

    const second = await customer(baseUrl, { chatTokens: [chat.chatToken] });
    assert.deepEqual((second.hello.chats as { chatId: string }[]).map((c) => c.chatId), [chat.chatId]);
    const resumed = await second.client.request({ type: 'chat.resume', chatId: chat.chatId, after: (m1.message as { id: string }).id });
    assert.equal(resumed.data.replayed, 3);
    await agentReply(chat.chatId, 'm5');
    await second.client.next('message', (f) => (f.message as { body: string }).body === 'm5');
    assert.deepEqual(bodies(second.client.all('message')), ['m2', 'm3', 'm4', 'm5']);
    second.client.close();
  });

  it('a bogus resume cursor gets a resync frame and the full history', async () => {
    const a = await customer(baseUrl);
    const { chat } = await startChat(a.client, 'first words');
    await agentReply(chat.chatId, 'reply');
    const b = await customer(baseUrl, { chatTokens: [chat.chatToken] });
    const other = await startChat((await customer(baseUrl)).client, 'someone else');
    for (const after of ['garbage', '01900000-0000-7000-8000-000000000000', other.first.id]) {
      const res = await b.client.request({ type: 'chat.resume', chatId: chat.chatId, after });
      assert.equal(res.data.resync, true);
      assert.equal((await b.client.next('resync')).chatId, chat.chatId);
    }
    assert.deepEqual(bodies(b.client.all('message')), ['first words', 'reply']);
    a.client.close();
    b.client.close();
  });

  it("another customer's chat is refused with not_found and no data", async () => {
    const owner = await customer(baseUrl);
    const { chat } = await startChat(owner.client, 'my secret deposit address');
    const stranger = await customer(baseUrl);
    const verified = await customer(baseUrl, { identity: await identityToken() });
    for (const s of [stranger, verified]) {
      for (const frame of [
        { type: 'chat.resume', chatId: chat.chatId },
        { type: 'message.send', chatId: chat.chatId, clientId: clientId(), body: 'hi' },
        { type: 'read', chatId: chat.chatId, messageId: chat.chatId },
      ]) {
        const err = (await s.client.request(frame).catch((e: unknown) => e)) as { code: string };
        assert.equal(err.code, 'not_found');
      }
      // A forged chat token is ignored at hello.
      assert.equal(s.client.all('message').length, 0);
    }
    const forgedToken = await customer(baseUrl, { chatTokens: [chat.chatToken.slice(0, -4) + 'AAAA'] });
    assert.deepEqual(forgedToken.hello.chats, []);
    await agentReply(chat.chatId, 'for the owner only');
    await owner.client.next('message', (f) => (f.message as { body: string }).body === 'for the owner only');
    assert.equal(stranger.client.all('message').length + verified.client.all('message').length, 0);
    for (const s of [owner, stranger, verified, forgedToken]) s.client.close();
  });

  it('oversized messages and frames, unknown types and floods get error frames, never a crash', async () => {
    const { client } = await customer(baseUrl);
    const { chat } = await startChat(client);
    const long = (await client.request({ type: 'message.send', chatId: chat.chatId, clientId: clientId(), body: 'x'.repeat(4001) }).catch((e: unknown) => e)) as { code: string; field: string };
    assert.equal(long.code, 'field_invalid');
    assert.equal(long.field, 'body');
    client.send({ type: 'message.send', chatId: chat.chatId, clientId: clientId(), body: 'y'.repeat(70_000) });
    assert.equal((await client.next('error')).code, 'frame_too_large');
    const unknown = (await client.request({ type: 'chat.explode' }).catch((e: unknown) => e)) as { code: string };
    assert.equal(unknown.code, 'unknown_type');
    const extra = (await client.request({ type: 'typing', chatId: chat.chatId, typing: true, admin: true }).catch((e: unknown) => e)) as { code: string };
    assert.equal(extra.code, 'field_unknown');
    for (let i = 0; i < 120; i++) client.send({ type: 'ping' });
    assert.equal((await client.next('error', (f) => f.code === 'rate_limited')).code, 'rate_limited');
    client.close();
    // The server is fine: a new socket works.
    const fresh = await customer(baseUrl);
    assert.equal(fresh.hello.identity, 'guest');
    fresh.client.close();
  });

  it('agents authenticate with a bearer token, watch the queue and see internal notes; customers get typing and read receipts', async () => {
    const { client } = await customer(baseUrl);
    const { chat } = await startChat(client, 'need help');
    const agent = await FrameClient.connect(wsUrlOf(baseUrl), { headers: agentHeaders });
    const queue = await agent.request({ type: 'queue.watch' });
    assert.ok((queue.data.chats as { chatId: string }[]).some((c) => c.chatId === chat.chatId));
    await agent.request({ type: 'chat.resume', chatId: chat.chatId });
    await agentReply(chat.chatId, 'note for colleagues', 'internal');
    const note = await agent.next('message', (f) => (f.message as { body: string }).body === 'note for colleagues');
    assert.equal((note.message as { internal: boolean }).internal, true);

    agent.send({ type: 'typing', chatId: chat.chatId, typing: true });
    assert.equal((await client.next('typing')).side, 'agent');
    const reply = await agent.request({ type: 'message.send', chatId: chat.chatId, clientId: clientId(), body: 'Hello from the console' });
    const received = await client.next('message', (f) => (f.message as { body: string }).body === 'Hello from the console');
    await client.request({ type: 'read', chatId: chat.chatId, messageId: (received.message as { id: string }).id });
    const receipt = await agent.next('read');
    assert.equal(receipt.side, 'customer');
    assert.equal(receipt.messageId, (reply.data.message as { id: string }).id);
    assert.equal(client.all('message').some((f) => (f.message as { body: string }).body === 'note for colleagues'), false);

    const customerCannot = (await client.request({ type: 'queue.watch' }).catch((e: unknown) => e)) as { code: string };
    assert.equal(customerCannot.code, 'forbidden');
    agent.close();
    client.close();
  });

  it('"talk to a person" records chat.handover_requested once while the bot has the chat; ending pushes chat.updated', async () => {
    const seen: Record<string, unknown>[] = [];
    const off = app.ctx.bus.subscribe('chat.handover_requested', (e) => void seen.push(e.payload));
    const { client } = await customer(baseUrl);
    const { chat } = await startChat(client, '充值没到账', { locale: 'zh-CN' });
    const ack = await client.request({ type: 'handover', chatId: chat.chatId });
    assert.equal(ack.data.requested, true);
    await app.ctx.relay.drain();
    assert.deepEqual(seen.filter((p) => p.ticketId === chat.chatId), [{ ticketId: chat.chatId, reason: 'customer', locale: 'zh-CN', category: 'deposit' }]);
    off();
    await client.request({ type: 'chat.end', chatId: chat.chatId });
    // Routing may answer the handover first (nobody online → left_message); the end follows.
    const updated = await client.next('chat.updated', (f) => f.state === 'ended');
    assert.equal(updated.state, 'ended');
    const after = (await client.request({ type: 'message.send', chatId: chat.chatId, clientId: clientId(), body: 'late' }).catch((e: unknown) => e)) as { code: string };
    assert.equal(after.code, 'transition_not_allowed');
    client.close();
  });

  it('help-center search works over the socket', async () => {
    const { client } = await customer(baseUrl);
    const ack = await client.request({ type: 'help.search', q: 'deposit', locale: 'en' });
    assert.ok(Array.isArray(ack.data.items));
    client.close();
  });
});
