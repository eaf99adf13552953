import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createWorkspace, startServer, type RunningServer, type Workspace } from './server.js';

/**
 * `npm start` on an empty DATA_DIR: migrations, first admin and demo content, a generated admin
 * password printed exactly once, and a healthy server (waited for up to 30 s, not timed).
 */
describe('first start on an empty DATA_DIR', () => {
  let ws: Workspace;
  const servers: RunningServer[] = [];
  before(async () => {
    ws = await createWorkspace({ SEED_DEMO: 'true', LOG_LEVEL: 'info' });
    delete ws.env.LEDGERDESK_ADMIN_PASSWORD;
  });
  after(async () => {
    for (const s of servers) await s.kill();
    await ws.dispose();
  });

  it('prints the generated admin password once, and it signs in', async () => {
    const first = await startServer(ws.env);
    servers.push(first);
    assert.equal((await fetch(`${first.url}/healthz`)).status, 200);
    assert.equal((await fetch(`${first.url}/readyz`)).status, 200);

    const printed = [...first.stdout().matchAll(/Password:\s+(\S+)/g)].map((m) => m[1]!);
    assert.equal(printed.length, 1, `expected the password once on stdout:\n${first.stdout()}`);
    assert.ok(!first.stderr().includes(printed[0]!), 'the password leaked to stderr');
    const logLines = first.stdout().split('\n').filter((l) => l.startsWith('{'));
    assert.ok(logLines.length > 0 && logLines.every((l) => !l.includes(printed[0]!)), 'the password must not be in the JSON logs');

    const login = await fetch(`${first.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@ledgerdesk.local', password: printed[0] }),
    });
    assert.equal(login.status, 200, await login.clone().text());

    await first.kill();
    const second = await startServer(ws.env);
    servers.push(second);
    assert.doesNotMatch(second.stdout(), /Password:/, 'the password was printed again on the second start');
    assert.equal((await fetch(`${second.url}/readyz`)).status, 200);
  });
});
