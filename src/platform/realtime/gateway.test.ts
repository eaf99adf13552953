import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { AppError } from '../http/errors.js';
import { registerGateway, type Gateway } from './gateway.js';
import { TokenBucket } from './rateLimit.js';
import { FrameClient } from './testClient.js';

/** The gateway alone, on a bare Fastify: no database, no domain. */
describe('realtime gateway', () => {
  let app: FastifyInstance;
  let gateway: Gateway<{ name: string }>;
  let url: string;

  before(async () => {
    app = Fastify();
    gateway = await registerGateway<{ name: string }>(app, {
      path: '/ws',
      log: pino({ level: 'silent' }),
      heartbeatMs: 50,
      limits: { maxFrameBytes: 1024, frameBurst: 10, framesPerSecond: 1, maxConsecutiveDrops: 30, sendHighWaterMark: 64 * 1024 },
      authenticate: (request) => {
        const name = (request.query as { name?: string }).name;
        if (name === 'mallory') throw new AppError('unauthenticated');
        return { name: name ?? 'anonymous' };
      },
      handlers: {
        echo: (_conn, frame) => ({ echo: frame.text }),
        whoami: (conn) => ({ name: conn.principal.name }),
        join: (conn, frame) => {
          gateway.registry.add(conn, String(frame.topic));
          return { joined: frame.topic };
        },
        fail: () => {
          throw new Error('boom');
        },
      },
    });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    url = address.replace('http', 'ws') + '/ws';
  });
  after(async () => {
    await app.close();
  });

  it('authenticates at upgrade: a rejected principal gets the HTTP error, not a socket', async () => {
    const ok = await FrameClient.connect(`${url}?name=alice`);
    assert.deepEqual((await ok.request({ type: 'whoami' })).data, { name: 'alice' });
    ok.close();
    await assert.rejects(FrameClient.connect(`${url}?name=mallory`), /401/);
  });

  it('answers requests in order with acks carrying the request id', async () => {
    const client = await FrameClient.connect(url);
    const replies = await Promise.all([1, 2, 3].map((n) => client.request({ type: 'echo', text: `m${n}` })));
    assert.deepEqual(replies.map((r) => r.data), [{ echo: 'm1' }, { echo: 'm2' }, { echo: 'm3' }]);
    client.close();
  });

  it('bad JSON, a missing type, an unknown type and a failing handler each get an error frame; the socket lives on', async () => {
    const client = await FrameClient.connect(url);
    client.sendRaw('{nope');
    assert.equal((await client.next('error')).code, 'bad_json');
    client.sendRaw('[1,2]');
    assert.equal((await client.next('error')).code, 'bad_json');
    client.sendRaw('{"text":"no type"}');
    assert.equal((await client.next('error')).code, 'bad_frame');
    const unknown = (await client.request({ type: 'launch.missiles' }).catch((e: unknown) => e)) as { code: string };
    assert.equal(unknown.code, 'unknown_type');
    const failed = (await client.request({ type: 'fail' }).catch((e: unknown) => e)) as { code: string; message: string };
    assert.equal(failed.code, 'internal');
    assert.doesNotMatch(failed.message, /boom/);
    assert.deepEqual((await client.request({ type: 'echo', text: 'still here' })).data, { echo: 'still here' });
    client.close();
  });

  it('an oversized frame is dropped with frame_too_large; one over the hard cap closes with 1009', async () => {
    const client = await FrameClient.connect(url);
    client.send({ type: 'echo', text: 'x'.repeat(2000) });
    assert.equal((await client.next('error')).code, 'frame_too_large');
    assert.deepEqual((await client.request({ type: 'echo', text: 'ok' })).data, { echo: 'ok' });
    client.sendRaw('x'.repeat(1024 * 1024 + 10));
    const code = await client.closed;
    assert.ok(code === 1009 || code === 1006, `closed with ${code}`);
  });

  it('a flood gets rate_limited errors, then the connection is closed with 1008', async () => {
    const client = await FrameClient.connect(url);
    for (let i = 0; i < 100; i++) client.send({ type: 'echo', text: String(i) });
    assert.equal((await client.next('error')).code, 'rate_limited');
    assert.equal(await client.closed, 1008);
  });

  it('fans a frame out to the sockets of a topic only', async () => {
    const a = await FrameClient.connect(url);
    const b = await FrameClient.connect(url);
    await a.request({ type: 'join', topic: 'room:1' });
    await b.request({ type: 'join', topic: 'room:2' });
    assert.equal(gateway.registry.deliver('room:1', { type: 'note', text: 'hi' }), 1);
    assert.equal((await a.next('note')).text, 'hi');
    assert.equal(b.received.filter((f) => f.type === 'note').length, 0);
    a.close();
    b.close();
  });

  it('drops a slow consumer with close code 4008 instead of buffering without bound', async () => {
    const client = await FrameClient.connect(url);
    await client.request({ type: 'join', topic: 'firehose' });
    client.pause();
    const big = { type: 'blob', data: 'y'.repeat(16 * 1024) };
    let closedByServer = false;
    for (let i = 0; i < 10_000 && !closedByServer; i++) {
      gateway.registry.deliver('firehose', big);
      closedByServer = !gateway.registry.has('firehose');
      if (i % 50 === 0) await new Promise((r) => setImmediate(r));
    }
    assert.ok(closedByServer, 'the slow socket was dropped');
    client.resume();
    const code = await client.closed;
    assert.ok(code === 4008 || code === 1006, `closed with ${code}`);
  });

  it('cuts a peer that stops answering pings', async () => {
    const client = await FrameClient.connect(url, { autoPong: false });
    const code = await client.closed;
    assert.equal(code, 1006);
  });

  it('shutdown closes every socket with 1001', async () => {
    const extra = Fastify();
    const gw = await registerGateway(extra, { path: '/ws', log: pino({ level: 'silent' }), authenticate: () => ({}), handlers: {} });
    const address = await extra.listen({ port: 0, host: '127.0.0.1' });
    const client = await FrameClient.connect(address.replace('http', 'ws') + '/ws');
    await extra.close();
    assert.equal(await client.closed, 1001);
    assert.equal(gw.connections.size, 0);
  });
});

describe('token bucket', () => {
  it('allows a burst, then the sustained rate', () => {
    const bucket = new TokenBucket(3, 1, 0);
    assert.deepEqual([1, 2, 3, 4].map(() => bucket.take(1, 0)), [true, true, true, false]);
    assert.equal(bucket.take(1, 500), false);
    assert.equal(bucket.take(1, 1000), true);
  });
});


