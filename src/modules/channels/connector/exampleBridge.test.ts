import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { agentWithToken } from '../../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';

/**
 * Runs the documented example (examples/connector-bridge/line-bridge.mjs) between a real
 * LedgerDesk on loopback and a loopback stand-in for LINE's Messaging API, so the example and
 * docs/connector.md cannot drift from the server.
 */
interface Bridge {
  url: string;
  close(): Promise<void>;
}
interface BridgeModule {
  startBridge(config: Record<string, unknown>): Promise<Bridge>;
  lineSignature(channelSecret: string, body: string): string;
}

const LINE_SECRET = 'line-channel-secret-for-tests';
const LINE_USER = 'U4af4980629a1b2c3d4e5f60718293a4b';

/** LINE's Messaging API, the two calls the bridge makes: the user's profile and push. */
async function startLineApi() {
  const pushes: { to: string; messages: { text: string; quickReply?: { items: { action: { label: string } }[] } }[] }[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      if (request.headers.authorization !== 'Bearer line-access-token') return response.writeHead(401).end('{"message":"Authentication failed"}');
      if (request.method === 'GET' && request.url === `/v2/bot/profile/${LINE_USER}`) {
        return response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ userId: LINE_USER, displayName: '박지훈', language: 'ko' }));
      }
      if (request.method === 'POST' && request.url === '/v2/bot/message/push') {
        pushes.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as (typeof pushes)[number]);
        return response.writeHead(200, { 'content-type': 'application/json' }).end('{"sentMessages":[{"id":"1","quoteToken":"q"}]}');
      }
      return response.writeHead(404).end('{"message":"Not found"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { pushes, root: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('the example LINE bridge (examples/connector-bridge)', () => {
  let t: TestApp;
  let line: Awaited<ReturnType<typeof startLineApi>>;
  let bridge: Bridge;
  let example: BridgeModule;

  before(async () => {
    const path = new URL('../../../../examples/connector-bridge/line-bridge.mjs', import.meta.url).href;
    example = (await import(path)) as BridgeModule;
    line = await startLineApi();
    t = await createTestApp();
    const ledgerdeskUrl = await t.http.listen({ port: 0, host: '127.0.0.1' });
    const admin = (await agentWithToken(t.ctx, 'admin')).headers;
    const created = await t.http.inject({ method: 'POST', url: '/api/v1/connectors', headers: admin, payload: { name: 'line', displayName: 'LINE', callbackUrl: 'http://127.0.0.1:9/not-yet' } });
    assert.equal(created.statusCode, 201, created.body);
    const { inboundSecret, callbackSecret } = created.json() as { inboundSecret: string; callbackSecret: string };
    bridge = await example.startBridge({
      ledgerdeskUrl, connectorName: 'line', inboundSecret, callbackSecret, lineChannelSecret: LINE_SECRET, lineAccessToken: 'line-access-token', lineApiRoot: line.root, port: 0,
    });
    const moved = await t.http.inject({ method: 'PATCH', url: '/api/v1/connectors/line', headers: admin, payload: { callbackUrl: `${bridge.url}/ledgerdesk/callback` } });
    assert.equal(moved.statusCode, 200, moved.body);
  });
  after(async () => {
    await bridge.close();
    await t.close();
    await line.close();
  });

  it('a LINE message becomes a conversation, and an agent\'s reply is pushed back to LINE through the signed callback', async () => {
    const webhook = JSON.stringify({
      destination: 'U0bc2b8e1f5a9d7c6e4b3a2918f7e6d5c',
      events: [{
        type: 'message', mode: 'active', timestamp: 1764662400000, webhookEventId: '01JDXK8Q4W6Y2H9B7N5M3C1V0Z', deliveryContext: { isRedelivery: false },
        source: { type: 'user', userId: LINE_USER }, replyToken: 'b60d432864f44d079f6d8efe86cf404b',
        message: { id: '530912837465012', type: 'text', quoteToken: 'q3Plxr4AgKd', text: 'USDT 출금이 2시간째 처리 중으로 나와요' },
      }],
    });
    const forged = await fetch(`${bridge.url}/line/webhook`, { method: 'POST', body: webhook, headers: { 'content-type': 'application/json', 'x-line-signature': example.lineSignature('not-the-secret', webhook) } });
    assert.equal(forged.status, 401);
    const res = await fetch(`${bridge.url}/line/webhook`, { method: 'POST', body: webhook, headers: { 'content-type': 'application/json', 'x-line-signature': example.lineSignature(LINE_SECRET, webhook) } });
    assert.equal(res.status, 200, await res.text());
    for (let i = 0; i < 4; i++) await t.ctx.relay.drain();

    const ticket = await t.ctx.db.selectFrom('tickets').innerJoin('customers', 'customers.id', 'tickets.customer_id')
      .select(['tickets.id', 'tickets.channel', 'tickets.locale', 'customers.name']).where('tickets.channel', '=', 'connector').executeTakeFirstOrThrow();
    assert.deepEqual([ticket.name, ticket.locale], ['박지훈', 'ko']);

    const { headers } = await agentWithToken(t.ctx, 'agent');
    const reply = await t.http.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/messages`, headers, payload: { body: '출금 TxID를 알려주시면 네트워크 상태를 확인해 드리겠습니다.' } });
    assert.equal(reply.statusCode, 201, reply.body);
    for (let i = 0; i < 4; i++) await t.ctx.relay.drain();
    const pushed = line.pushes.filter((p) => p.to === LINE_USER).map((p) => p.messages[0]!.text);
    assert.ok(pushed.some((text) => text.endsWith('\n출금 TxID를 알려주시면 네트워크 상태를 확인해 드리겠습니다.')), JSON.stringify(pushed));
    const delivery = await t.ctx.db.selectFrom('connector_deliveries').select('state').where('message_id', '=', (reply.json() as { id: string }).id).executeTakeFirstOrThrow();
    assert.equal(delivery.state, 'delivered');

    const forgedCallback = await fetch(`${bridge.url}/ledgerdesk/callback`, { method: 'POST', body: '{"type":"notice","userId":"x","text":"phish"}', headers: { 'content-type': 'application/json', 'x-ld-timestamp': String(Math.floor(Date.now() / 1000)), 'x-ld-signature': 'v1=forged' } });
    assert.equal(forgedCallback.status, 401);
  });
});
