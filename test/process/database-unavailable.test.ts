import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { onPostgres, testDatabaseUrl } from '../harness.js';
import {
  createTicket, createWorkspace, exitOf, freePort, provisionAgentToken, spawnServer, startServer,
  type RunningServer, type Workspace,
} from './server.js';

describe('database unreachable at start', () => {
  it('PostgreSQL that refuses connections: exits non-zero naming the database, without the password', async () => {
    const server = spawnServer({ PORT: String(await freePort()), DATABASE_URL: 'postgres://ledgerdesk:s3cret-pass@127.0.0.1:1/ledgerdesk', LOG_LEVEL: 'warn' });
    const { code } = await exitOf(server);
    assert.equal(code, 1);
    assert.match(server.stderr(), /database at postgres:\/\/127\.0\.0\.1:1\/ledgerdesk is unreachable/);
    assert.match(server.stderr(), /DATABASE_URL/);
    assert.doesNotMatch(server.stderr() + server.stdout(), /s3cret-pass/);
  });

  it('SQLite file that cannot be created: exits non-zero naming the path', async () => {
    // A regular file where the data folder should be: the folder can never be created.
    const blocker = join(mkdtempSync(join(tmpdir(), 'ledgerdesk-proc-')), 'not-a-folder');
    writeFileSync(blocker, 'x');
    try {
      const server = spawnServer({ PORT: String(await freePort()), DATABASE_URL: `sqlite:${blocker}/db.sqlite`, DATA_DIR: blocker, LOG_LEVEL: 'warn' });
      const { code } = await exitOf(server);
      assert.equal(code, 1);
      assert.match(server.stderr(), /LedgerDesk could not start: .*not-a-folder/);
    } finally {
      rmSync(dirname(blocker), { recursive: true, force: true });
    }
  });
});

/** A TCP relay to PostgreSQL that the test can cut and restore, like a network partition. */
class CuttableRelay {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  constructor(readonly port: number, private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

// SQLite is a file inside the process: there is no connection to lose at run time.
if (onPostgres) {
  describe('PostgreSQL lost while running', () => {
    let ws: Workspace;
    let relay: CuttableRelay;
    let authorization: string;
    let server: RunningServer | undefined;
    before(async () => {
      const target = new URL(testDatabaseUrl);
      relay = new CuttableRelay(await freePort(), { host: target.hostname, port: Number(target.port || 5432) });
      await relay.open();
      const viaRelay = new URL(testDatabaseUrl);
      viaRelay.hostname = '127.0.0.1';
      viaRelay.port = String(relay.port);
      ws = await createWorkspace();
      ws.env.DATABASE_URL = viaRelay.toString();
      authorization = (await provisionAgentToken(ws)).authorization;
    });
    after(async () => {
      await server?.kill();
      await relay.cut();
      await ws.dispose();
    });

    it('answers 503 on /readyz and the API, then recovers when the database is back', async () => {
      server = await startServer(ws.env);
      assert.equal((await createTicket(server.url, authorization, 'before')).status, 201);

      await relay.cut();
      const ready = await fetch(`${server.url}/readyz`);
      assert.equal(ready.status, 503);
      const failed = await createTicket(server.url, authorization, 'during');
      assert.equal(failed.status, 503, JSON.stringify(failed.json));
      assert.equal((failed.json as { error: { code: string } }).error.code, 'service_unavailable');
      const read = await fetch(`${server.url}/api/v1/tickets/LD-1`, { headers: { authorization } });
      assert.equal(read.status, 503);
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200, 'liveness must not depend on the database');

      await relay.open();
      assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
      assert.equal((await createTicket(server.url, authorization, 'after')).status, 201);

      const database = ws.openDatabase();
      try {
        const rows = await database.db.selectFrom('tickets').select('subject').execute();
        assert.equal(rows.length, 2, 'the create that failed with 503 left a ticket behind');
        assert.ok(rows.every((r) => !r.subject.includes('during')));
      } finally {
        await database.close();
      }
    });
  });
}
