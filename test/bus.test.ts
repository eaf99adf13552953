import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from './harness.js';
import { redisSkip, redisUrl } from './redis.js';
import { recordEvent } from '../src/platform/bus/outbox.js';
import type { DomainEvent } from '../src/platform/bus/bus.js';
import { createAgent, createApiToken, createSession } from './factories.js';

function nextEvent(app: TestApp, topic: string, match: (e: DomainEvent) => boolean): Promise<DomainEvent> {
  return new Promise((resolve) => {
    const off = app.ctx.bus.subscribe(topic, (event) => {
      if (match(event)) {
        off();
        resolve(event);
      }
    });
  });
}

describe('outbox and in-process bus', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('publishes an event only after its transaction commits', async () => {
    const seen: DomainEvent[] = [];
    t.ctx.bus.subscribe('probe.*', (e) => void seen.push(e));
    await t.ctx.transaction(async (trx) => {
      await recordEvent(trx, 'probe.committed', { n: 1 });
      // Let a relay pass run meanwhile (on PostgreSQL it reads on another connection; on
      // SQLite it waits for the writer): either way it must not see the uncommitted row.
      t.ctx.relay.kick();
      for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
      assert.equal(seen.length, 0, 'nothing is visible before commit');
    });
    await t.ctx.relay.drain();
    assert.deepEqual(seen.map((e) => e.topic), ['probe.committed']);
  });

  it('never publishes the events of a rolled-back transaction', async () => {
    const seen: string[] = [];
    t.ctx.bus.subscribe('rollback.*', (e) => void seen.push(e.topic));
    await assert.rejects(
      t.ctx.transaction(async (trx) => {
        await recordEvent(trx, 'rollback.never', {});
        throw new Error('abort');
      }),
    );
    await t.ctx.relay.drain();
    assert.deepEqual(seen, []);
    const left = await t.ctx.db.selectFrom('outbox').select('id').where('topic', '=', 'rollback.never').execute();
    assert.equal(left.length, 0);
  });

  it('keeps delivering to other subscribers when one throws', async () => {
    const seen: string[] = [];
    t.ctx.bus.subscribe('isolation.x', () => {
      throw new Error('broken subscriber');
    });
    t.ctx.bus.subscribe('isolation.x', (e) => void seen.push(e.id));
    await t.ctx.transaction((trx) => recordEvent(trx, 'isolation.x', {}));
    await t.ctx.relay.drain();
    assert.equal(seen.length, 1);
  });
});

describe('Redis bus across two nodes', async () => {
  const skip = await redisSkip();
  let a: TestApp;
  let b: TestApp;
  before(async () => {
    if (skip) return;
    a = await createTestApp({ REDIS_URL: redisUrl });
    b = await createTestApp({ REDIS_URL: redisUrl }, { sameDatabaseAs: a });
  });
  after(async () => {
    await a?.close();
    await b?.close();
  });

  it('delivers an event committed on one node to subscribers on another', { skip }, async () => {
    const marker = `m-${Date.now()}-${Math.random()}`;
    const onB = nextEvent(b, 'cross.node', (e) => e.payload.marker === marker);
    await a.ctx.transaction((trx) => recordEvent(trx, 'cross.node', { marker }));
    await a.ctx.relay.drain();
    const event = await onB;
    assert.equal(event.payload.marker, marker);
  });

  it('drops a token revoked on one node from the other node\'s cache', { skip }, async () => {
    const agent = await createAgent(a.ctx);
    const bearer = await createApiToken(a.ctx, agent.id);
    const list = () => b.http.inject({ url: '/api/v1/tickets', headers: bearer });
    assert.equal((await list()).statusCode, 200, 'node B knows (and caches) the token');

    const token = await a.ctx.db.selectFrom('api_tokens').select('id').where('agent_id', '=', agent.id).executeTakeFirstOrThrow();
    const heard = nextEvent(b, 'identity.credentials_changed', (e) => e.payload.tokenId === token.id);
    const session = await createSession(a.ctx, { type: 'agent', id: agent.id });
    const revoked = await a.http.inject({ method: 'DELETE', url: `/api/v1/api-tokens/${token.id}`, ...session });
    assert.ok(revoked.statusCode < 300, revoked.body);
    await heard;
    assert.equal((await list()).statusCode, 401, 'node B refuses the revoked token');
  });
});
