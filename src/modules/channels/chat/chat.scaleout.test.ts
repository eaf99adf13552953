import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { defaultBotSettings, saveBotSettings } from '../../bot/settings.js';
import { agentWithToken } from '../../../../test/factories.js';
import { redisSkip, redisUrl } from '../../../../test/redis.js';
import { FrameClient } from '../../../platform/realtime/testClient.js';
import { bodies, clientId, customer, startChat, wsUrlOf } from './chatTesting.js';

const skip = await redisSkip();

/** Two nodes on one database and one Redis: the customer's socket on one, the agent's on the other. */
describe('chat across two nodes over Redis', { skip }, () => {
  let nodeA: TestApp;
  let nodeB: TestApp;
  let urlA: string;
  let urlB: string;

  before(async () => {
    nodeA = await createTestApp({ REDIS_URL: redisUrl });
    // Exact message lists: the bot stays out (its own tests cover it).
    await saveBotSettings(nodeA.ctx.db, { ...defaultBotSettings, enabled: false });
    nodeB = await createTestApp({ REDIS_URL: redisUrl }, { sameDatabaseAs: nodeA });
    urlA = await nodeA.http.listen({ port: 0, host: '127.0.0.1' });
    urlB = await nodeB.http.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await nodeB?.close();
    await nodeA?.close();
  });

  it('messages, typing and read receipts cross nodes both ways; a reconnect to the other node resumes without loss', async () => {
    const { headers } = await agentWithToken(nodeA.ctx);
    const guest = await customer(urlA);
    const { chat } = await startChat(guest.client, 'USDT not credited');
    const agent = await FrameClient.connect(wsUrlOf(urlB), { headers });
    await agent.request({ type: 'chat.resume', chatId: chat.chatId });

    await guest.client.request({ type: 'message.send', chatId: chat.chatId, clientId: clientId(), body: 'tx 0x123' });
    await agent.next('message', (f) => (f.message as { body: string }).body === 'tx 0x123');

    agent.send({ type: 'typing', chatId: chat.chatId, typing: true });
    await guest.client.next('typing');
    const reply = await agent.request({ type: 'message.send', chatId: chat.chatId, clientId: clientId(), body: 'Found it, crediting now' });
    const got = await guest.client.next('message', (f) => (f.message as { body: string }).body === 'Found it, crediting now');
    await guest.client.request({ type: 'read', chatId: chat.chatId, messageId: (got.message as { id: string }).id });
    assert.equal((await agent.next('read')).messageId, (reply.data.message as { id: string }).id);

    // An API reply on node B while the customer is away; the customer comes back on node B.
    guest.client.close();
    await guest.client.closed;
    const api = await nodeB.http.inject({ method: 'POST', url: `/api/v1/tickets/${chat.chatId}/messages`, headers, payload: { body: 'Done: 150 USDT credited' } });
    assert.equal(api.statusCode, 201, api.body);
    const back = await customer(urlB, { chatTokens: [chat.chatToken] });
    await back.client.request({ type: 'chat.resume', chatId: chat.chatId, after: (got.message as { id: string }).id });
    assert.deepEqual(bodies(back.client.all('message')), ['Done: 150 USDT credited']);
    await nodeA.http.inject({ method: 'POST', url: `/api/v1/tickets/${chat.chatId}/messages`, headers, payload: { body: 'Anything else?' } });
    await back.client.next('message', (f) => (f.message as { body: string }).body === 'Anything else?');
    assert.deepEqual(bodies(back.client.all('message')), ['Done: 150 USDT credited', 'Anything else?']);
    agent.close();
    back.client.close();
  });
});
