import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppContext } from '../../context.js';
import type { DomainEvent } from '../../platform/bus/bus.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { agentWithToken, createAgent } from '../../../test/factories.js';
import { ticketCreator } from './commands/ticketCreator.js';
import { PNG_1PX, createTicket, depositFields } from './testKit.js';

describe('ticket events', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const storedFiles = () => {
    const dir = join(t.dataDir, 'attachments');
    return existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).length : 0;
  };

  const collect = (topic: string) => {
    const seen: DomainEvent[] = [];
    const stop = t.ctx.bus.subscribe(topic, (e) => void seen.push(e));
    return { seen, stop };
  };

  it('publishes ticket.created, message.created, ticket.updated and ticket.merged after commit', async () => {
    const { seen, stop } = collect('*');
    const { headers } = await agentWithToken(t.ctx);
    const a = await createTicket(t, headers);
    await t.http.inject({ method: 'POST', url: `/api/v1/tickets/${a.id}/messages`, headers, payload: { body: 'On it.' } });
    await t.http.inject({ method: 'PATCH', url: `/api/v1/tickets/${a.id}`, headers, payload: { priority: 'high' } });
    const b = await createTicket(t, headers, { customer: undefined, customerId: a.customer.id });
    await t.http.inject({ method: 'POST', url: `/api/v1/tickets/${b.id}/merge`, headers, payload: { intoTicket: a.id } });
    await t.ctx.relay.drain();
    stop();
    const mine = seen.filter((e) => e.payload.ticketId === a.id || e.payload.ticketId === b.id);
    const created = mine.find((e) => e.topic === 'ticket.created' && e.payload.ticketId === a.id)!;
    assert.equal(created.payload.number, a.number);
    assert.ok(mine.some((e) => e.topic === 'message.created' && e.payload.visibility === 'public'));
    const updated = mine.filter((e) => e.topic === 'ticket.updated' && e.payload.ticketId === a.id);
    assert.ok(updated.some((e) => JSON.stringify(e.payload.changes).includes('"priority"')));
    assert.ok(updated.some((e) => JSON.stringify(e.payload.changes).includes('"status"')), 'the reply opened it');
    const merged = mine.find((e) => e.topic === 'ticket.merged')!;
    assert.equal(merged.payload.intoNumber, a.number);
  });

  it('publishes nothing and keeps no file when the transaction rolls back', async () => {
    const agent = await createAgent(t.ctx);
    const { seen, stop } = collect('ticket.*');
    const marker = `Rollback ${Date.now()}`;
    // Fail at commit time, after the command wrote everything inside the transaction.
    const failingCtx: AppContext = {
      ...t.ctx,
      transaction: (fn) => t.ctx.transaction(async (trx) => {
        await fn(trx);
        throw new Error('simulated commit failure');
      }),
    };
    const before = storedFiles();
    await assert.rejects(
      ticketCreator({
        ctx: failingCtx,
        actor: { kind: 'agent', agentId: agent.id, role: 'agent', via: 'token', scopes: new Set(['tickets:write']) },
        input: { subject: marker, body: 'x', category: 'deposit', fields: depositFields, customer: { externalId: `UID-rb-${Date.now()}` } },
        files: [{ filename: 'proof.png', data: PNG_1PX }],
        origin: { ip: null, userAgent: null },
      }),
      /simulated commit failure/,
    );
    await t.ctx.relay.drain();
    stop();
    assert.deepEqual(seen, [], 'nothing published');
    assert.equal(await t.ctx.db.selectFrom('tickets').select('id').where('subject', '=', marker).executeTakeFirst(), undefined);
    assert.equal(await t.ctx.db.selectFrom('outbox').select('id').where('payload', 'like', `%${marker}%`).executeTakeFirst(), undefined);
    assert.equal(storedFiles(), before, 'the stored file was removed again');
  });
});
