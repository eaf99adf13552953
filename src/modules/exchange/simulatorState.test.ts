import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { exchangeOf } from './runtime.js';

/**
 * Two app nodes of one installation, each with its own built-in simulator (its own process's
 * loopback port), sharing the database: they must behave as one exchange.
 */
describe('exchange simulator on two nodes: one exchange per installation', () => {
  let a: TestApp;
  let b: TestApp;
  before(async () => {
    a = await createTestApp();
    b = await createTestApp({}, { sameDatabaseAs: a });
  });
  after(async () => {
    await b?.close();
    await a?.close();
  });
  const clientOf = (t: TestApp) => exchangeOf(t.ctx).client;

  it('a freeze through one node is seen by the other, and so is the unfreeze; idempotency keys hold across nodes', async () => {
    assert.notEqual(exchangeOf(a.ctx).simulator!.url, exchangeOf(b.ctx).simulator!.url, 'two simulators, as with two processes');
    const frozen = await clientOf(a).freeze('58213907', 'Customer reports an unknown login from a new device', 'test:freeze:1');
    assert.equal(frozen.status, 'frozen');
    assert.deepEqual(await clientOf(b).account('58213907'), frozen);
    // The same request retried through the other node answers what the first one did.
    assert.deepEqual(await clientOf(b).freeze('58213907', 'Customer reports an unknown login from a new device', 'test:freeze:1'), frozen);
    await clientOf(b).unfreeze('58213907', 'Identity re-verified by the security team', 'test:unfreeze:1');
    assert.equal((await clientOf(a).account('58213907'))!.status, 'active');
  });

  it('a code sent through one node is checked through the other; wrong tries count across nodes; the code is kept only as a hash', async () => {
    const challenge = await clientOf(a).sendVerificationCode('60177342', 'email', 'test:code:1');
    const code = exchangeOf(a.ctx).simulator!.mailbox.at(-1)!.code;
    const wrong = code === '000000' ? '111111' : '000000';
    assert.deepEqual(await clientOf(b).checkVerificationCode('60177342', challenge.challengeId, wrong), { result: 'invalid', attemptsLeft: 4 });
    assert.deepEqual(await clientOf(a).checkVerificationCode('60177342', challenge.challengeId, wrong), { result: 'invalid', attemptsLeft: 3 });
    const stored = await a.ctx.db.selectFrom('exchange_simulator_state').select('value').where('kind', '=', 'challenge').execute();
    assert.ok(stored.length === 1 && !stored[0]!.value.includes(`"${code}"`));
    assert.equal((await clientOf(b).checkVerificationCode('60177342', challenge.challengeId, code)).result, 'valid');
  });
});
