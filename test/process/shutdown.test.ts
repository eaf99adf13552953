import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTicket, createWorkspace, exitOf, provisionAgentToken, startServer, type RunningServer, type Workspace } from './server.js';

/** SIGTERM while requests are in flight: they all finish, the process exits 0, nothing new gets in. */
const IN_FLIGHT = 40;

describe('graceful shutdown on SIGTERM', () => {
  let ws: Workspace;
  let authorization: string;
  let server: RunningServer | undefined;
  before(async () => {
    ws = await createWorkspace();
    authorization = (await provisionAgentToken(ws)).authorization;
  });
  after(async () => {
    await server?.kill();
    await ws.dispose();
  });

  it('finishes in-flight creates, exits 0 and refuses new connections', async () => {
    server = await startServer(ws.env);
    const running = server;
    // Fire a burst of creates, then SIGTERM once the server has started answering them:
    // the rest are still queued or being processed when the signal lands.
    const requests = Array.from({ length: IN_FLIGHT }, () => createTicket(running.url, authorization, 'term'));
    await Promise.race(requests);
    running.child.kill('SIGTERM');
    const results = await Promise.allSettled(requests);
    const statuses = results.map((r) => (r.status === 'fulfilled' ? r.value.status : `rejected: ${String(r.reason)}`));
    assert.deepEqual(statuses, Array.from({ length: IN_FLIGHT }, () => 201), `stderr:\n${running.stderr()}`);

    const { code, signal } = await exitOf(running);
    assert.equal(signal, null);
    assert.equal(code, 0, `stderr:\n${running.stderr()}`);
    await assert.rejects(fetch(`${running.url}/healthz`, { signal: AbortSignal.timeout(2000) }), 'the port still accepts connections');

    const database = ws.openDatabase();
    try {
      const count = await database.db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(count.n), IN_FLIGHT);
    } finally {
      await database.close();
    }
  });
});
