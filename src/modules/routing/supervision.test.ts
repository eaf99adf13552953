import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestApp } from '../../../test/harness.js';
import { createCustomer, createSession } from '../../../test/factories.js';
import { FrameClient } from '../../platform/realtime/testClient.js';
import { wsUrlOf } from '../channels/chat/chatTesting.js';
import { agentOn, appWithSupervisor, chatOf, createChat, createTeam, requestHandover, setAvailability } from './testKit.js';

/**
 * What the console's chat screens read beside the queue: where a chat can be transferred, the
 * chats being answered on the supervisor board, and agents' availability changes on the socket.
 */
describe('transfer targets, the board’s active chats and presence frames', () => {
  let t: TestApp;
  let sup: Record<string, string>;
  let baseUrl: string;
  before(async () => {
    ({ t, sup } = await appWithSupervisor());
    baseUrl = await t.http.listen({ port: 0, host: '127.0.0.1' });
  });
  after(() => t.close());

  const handedOver = async (locale: string) => {
    const chat = await createChat(t, { locale });
    await requestHandover(t, chat.ticketId, { locale });
    return { ...chat, ...(await chatOf(t, chat.ticketId)) };
  };

  it('lists agents (available = online with a free slot) and teams to the agent answering the chat and to supervisors only', async () => {
    const team = await createTeam(t, sup, { name: 'Thai desk', languages: ['th'] });
    const answering = await agentOn(t, [team], { maxChats: 1 });
    const free = await agentOn(t, [team], { maxChats: 2 });
    const away = await agentOn(t, [team], { status: 'away' });
    const chat = await handedOver('th');
    assert.equal(chat.state, 'assigned');
    const holder = chat.agentId === answering.id ? answering : free;
    const bystander = holder === answering ? free : answering;
    const url = `/api/v1/chats/${chat.number}/transfer-targets`;

    assert.equal((await t.http.inject({ url })).statusCode, 401);
    const customer = await createSession(t.ctx, { type: 'customer', id: (await createCustomer(t.ctx)).id });
    assert.equal((await t.http.inject({ url, cookies: customer.cookies })).statusCode, 403);
    const refused = await t.http.inject({ url, headers: bystander.headers });
    assert.equal(refused.statusCode, 403, 'an agent not answering the chat cannot move it');
    assert.equal(refused.json().error.code, 'forbidden');

    for (const headers of [holder.headers, sup]) {
      const res = await t.http.inject({ url, headers });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as { agents: { id: string; status: string; available: boolean; activeChats: number; maxChats: number }[]; teams: { id: string; name: string }[] };
      assert.equal(body.agents.some((a) => a.id === holder.id), false, 'never back to the agent answering it');
      const byId = new Map(body.agents.map((a) => [a.id, a]));
      assert.deepEqual(byId.get(bystander.id), { ...byId.get(bystander.id), status: 'online', activeChats: 0, available: true });
      assert.equal(byId.get(away.id)?.available, false);
      assert.equal(byId.get(away.id)?.status, 'away');
      assert.ok(body.teams.some((x) => x.id === team && x.name === 'Thai desk'));
    }
    const notChat = await t.http.inject({ url: '/api/v1/chats/LD-999999/transfer-targets', headers: sup });
    assert.equal(notChat.statusCode, 404);
  });

  it('gives supervisors every chat being answered; agents get only their own', async () => {
    const team = await createTeam(t, sup, { languages: ['tr'] });
    const agent = await agentOn(t, [team]);
    const chat = await handedOver('tr');
    assert.equal(chat.agentId, agent.id);
    const board = (await t.http.inject({ url: '/api/v1/chat-queue', headers: sup })).json();
    const row = board.active.find((c: { number: string }) => c.number === chat.number);
    assert.equal(row.agent.id, agent.id);
    assert.equal(row.state, 'assigned');
    assert.equal(row.abilities.transfer, true, 'supervisors may reassign it');
    const own = (await t.http.inject({ url: '/api/v1/chat-queue', headers: agent.headers })).json();
    assert.equal(own.active, undefined);
    assert.equal(own.agents, undefined);
    assert.deepEqual(own.mine.map((c: { number: string }) => c.number), [chat.number]);
  });

  it('tells queue watchers when an agent’s availability changes', async () => {
    const agent = await agentOn(t, [], { status: 'online', maxChats: 2 });
    const socket = await FrameClient.connect(wsUrlOf(baseUrl), { headers: sup });
    await socket.request({ type: 'queue.watch' });
    const res = await setAvailability(t, agent.headers, { status: 'away', maxChats: 4 });
    assert.equal(res.statusCode, 200, res.body);
    // The agent coming online just before may still be on its way to the socket: wait for this change.
    const frame = await socket.next('agent.presence', (f) => f.agentId === agent.id && f.status === 'away');
    assert.deepEqual(frame, { type: 'agent.presence', agentId: agent.id, status: 'away', maxChats: 4 });
    socket.close();
  });
});
