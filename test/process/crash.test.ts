import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  createTicket, createWorkspace, exitOf, provisionAgentToken, startServer, ticketOf,
  type CreatedTicket, type RunningServer, type Workspace,
} from './server.js';

/**
 * SIGKILL during a stream of creates: every create the server acknowledged with 201 must be
 * in the database after a restart, intact, and no number may be handed out twice.
 */
const CONCURRENCY = 8;
const KILL_AFTER_ACKS = 150;
const STREAM_LIMIT_MS = 20_000;

describe('kill -9 during a stream of ticket creates', () => {
  let ws: Workspace;
  let authorization: string;
  const servers: RunningServer[] = [];
  before(async () => {
    ws = await createWorkspace();
    authorization = (await provisionAgentToken(ws)).authorization;
  });
  after(async () => {
    for (const s of servers) await s.kill();
    await ws.dispose();
  });

  it('keeps every acknowledged ticket and hands out no number twice', async () => {
    const first = await startServer(ws.env);
    servers.push(first);
    const acknowledged: CreatedTicket[] = [];
    let killed = false;
    const otherAnswers: string[] = [];
    const started = Date.now();

    // Workers stream creates until the server dies; the kill lands while requests are in flight.
    const worker = async () => {
      while (Date.now() - started < STREAM_LIMIT_MS) {
        try {
          const { status, sent, json } = await createTicket(first.url, authorization, 'crash');
          if (status === 201) acknowledged.push({ ...ticketOf(json), ...sent });
          else otherAnswers.push(`${status} ${JSON.stringify(json).slice(0, 300)}`);
        } catch {
          if (killed) return; // connection refused or reset: the server is gone
          throw new Error('request failed before the kill');
        }
        if (!killed && acknowledged.length >= KILL_AFTER_ACKS) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    assert.ok(killed, `the stream ended before ${KILL_AFTER_ACKS} creates were acknowledged (other answers: ${otherAnswers.join('; ')})`);
    assert.deepEqual(otherAnswers, [], `non-201 answers before the kill:\n${first.stderr()}`);
    const { signal } = await exitOf(first);
    assert.equal(signal, 'SIGKILL');

    const numbers = acknowledged.map((t) => t.number);
    assert.equal(new Set(numbers).size, numbers.length, 'a ticket number was acknowledged twice');

    const second = await startServer(ws.env);
    servers.push(second);
    assert.equal((await fetch(`${second.url}/readyz`)).status, 200);

    // Through the API: every acknowledged ticket is readable by its number, with its subject.
    for (const ticket of acknowledged) {
      const res = await fetch(`${second.url}/api/v1/tickets/${encodeURIComponent(ticket.number)}`, { headers: { authorization } });
      assert.equal(res.status, 200, `ticket ${ticket.number} missing after restart`);
      const read = ticketOf(await res.json());
      assert.equal(read.id, ticket.id);
      assert.equal(read.number, ticket.number);
      assert.equal(read.subject, ticket.subject);
    }

    // Behind the API: the first message of each ticket is the body that was sent, and numbers are unique.
    const database = ws.openDatabase();
    try {
      const rows = await database.db
        .selectFrom('messages')
        .select(['ticket_id', 'body', 'created_at', 'id'])
        .where('ticket_id', 'in', acknowledged.map((t) => t.id))
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      const firstMessage = new Map<string, string>();
      for (const row of rows) if (!firstMessage.has(row.ticket_id)) firstMessage.set(row.ticket_id, row.body);
      for (const ticket of acknowledged) assert.equal(firstMessage.get(ticket.id), ticket.body, `first message of ${ticket.number} lost or changed`);
      const duplicates = await database.db
        .selectFrom('tickets')
        .select(['number', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('number')
        .having((eb) => eb.fn.countAll(), '>', 1)
        .execute();
      assert.deepEqual(duplicates, []);
    } finally {
      await database.close();
    }

    // And it takes new work with a number not used before.
    const after = await createTicket(second.url, authorization, 'after');
    assert.equal(after.status, 201);
    assert.ok(!numbers.includes(ticketOf(after.json).number), 'a number was reused after the restart');
  });
});
