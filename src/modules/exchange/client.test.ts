import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ExchangeClient, ExchangeError, type ExchangeClientOptions } from './client.js';
import { signedHeaders, verifySignature } from './signing.js';
import { demoCases } from './simulator/demoAccounts.js';
import { ExchangeSimulator } from './simulator/server.js';

const SECRET = 'simulator-secret-for-tests-0123456789abcdef';

/** A loopback server playing a misbehaving exchange: answers from `script`, counting hits. */
async function misbehaving(script: (hit: number, req: IncomingMessage, res: ServerResponse) => void) {
  let hits = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => script(++hits, req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits: () => hits,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const fail = async (promise: Promise<unknown>): Promise<ExchangeError> => {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ExchangeError, String(err));
    assert.equal(err.code, 'exchange_unavailable');
    assert.equal(err.status, 503);
    return err;
  }
  assert.fail('expected an ExchangeError');
};

describe('exchange client against the simulator over HTTP', () => {
  const simulator = new ExchangeSimulator({ ledgerdesk: SECRET });
  let client: ExchangeClient;
  const options = (over: Partial<ExchangeClientOptions> = {}): ExchangeClientOptions => ({ baseUrl: simulator.url, keyId: 'ledgerdesk', secret: SECRET, timeoutMs: 2_000, backoffMs: 5, ...over });
  before(async () => {
    await simulator.start();
    client = new ExchangeClient(options());
  });
  after(() => simulator.close());

  it('reads an account, its recent transactions and one by hash or id; unknown ones are null', async () => {
    const account = await client.account('58213907');
    assert.equal(account?.status, 'active');
    assert.equal(account?.email, 'li****88@example.com');
    const deposits = await client.recentDeposits('58213907', 2);
    assert.equal(deposits.length, 2);
    assert.ok(deposits[0]!.createdAt >= deposits[1]!.createdAt, 'newest first');
    const wrong = await client.deposit('58213907', '0x4393E51C7C9ED2FF1023647BA2D435027CEBCF90E6FD996B48DA070AAFF4B903');
    assert.deepEqual([wrong?.network, wrong?.expectedNetwork, wrong?.reasonCodes], ['BEP20', 'ERC20', ['WRONG_NETWORK']]);
    const held = await client.withdrawal(demoCases['withdrawal.risk_review'].uid, demoCases['withdrawal.risk_review'].id);
    assert.equal(held?.riskHold, true);
    assert.equal(await client.account('99999999'), null);
    assert.equal(await client.deposit('58213907', 'f'.repeat(64)), null);
  });

  it('sends a code to the bound email, checks it, and locks after five wrong tries', async () => {
    const challenge = await client.sendVerificationCode('64780251', 'email', 'key-1');
    assert.equal(challenge.sentTo, 'ji****im@example.co.kr');
    assert.deepEqual(await client.sendVerificationCode('64780251', 'email', 'key-1'), challenge, 'a repeated Idempotency-Key sends nothing new');
    const sent = simulator.mailbox.filter((m) => m.challengeId === challenge.challengeId);
    assert.equal(sent.length, 1);
    const wrongCode = sent[0]!.code === '000000' ? '111111' : '000000';
    assert.deepEqual(await client.checkVerificationCode('64780251', challenge.challengeId, wrongCode), { result: 'invalid', attemptsLeft: 4 });
    assert.equal((await client.checkVerificationCode('64780251', challenge.challengeId, sent[0]!.code)).result, 'valid');

    const second = await client.sendVerificationCode('64780251', 'phone', 'key-2');
    const code = simulator.mailbox.at(-1)!.code;
    const bad = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) await client.checkVerificationCode('64780251', second.challengeId, bad);
    assert.deepEqual(await client.checkVerificationCode('64780251', second.challengeId, code), { result: 'locked', attemptsLeft: 0 });
  });

  it('freezes and unfreezes with a reason, once per Idempotency-Key', async () => {
    const frozen = await client.freeze('73651209', 'Customer reported a SIM swap', 'freeze-1');
    assert.deepEqual([frozen.status, frozen.frozenReason], ['frozen', 'Customer reported a SIM swap']);
    const active = await client.unfreeze('73651209', 'Identity re-verified by video call', 'unfreeze-1');
    assert.equal(active.status, 'active');
    assert.equal((await client.freeze('73651209', 'Customer reported a SIM swap', 'freeze-1')).status, 'frozen', 'the first answer, replayed');
    assert.equal((await client.account('73651209'))?.status, 'active', 'a replayed freeze changes nothing');
  });

  it('is refused by the simulator with the wrong secret, a stale timestamp or a changed body', async () => {
    const forged = new ExchangeClient(options({ secret: 'x'.repeat(40) }));
    assert.equal((await fail(forged.account('58213907'))).reason, 'rejected');
    const path = '/v1/accounts/58213907';
    const stale = await fetch(simulator.url + path, { headers: signedHeaders('ledgerdesk', SECRET, 'GET', path, '', Date.now() - 301_000) });
    assert.equal(stale.status, 401);
    assert.match(await stale.text(), /stale/);
    const headers = signedHeaders('ledgerdesk', SECRET, 'POST', '/v1/accounts/58213907/freeze', '{"reason":"mine"}');
    const changed = { headers, method: 'POST', path: '/v1/accounts/58213907/freeze', body: '{"reason":"someone else"}' };
    assert.deepEqual(verifySignature(changed, () => SECRET), { ok: false, why: 'bad_signature' });
    assert.deepEqual(verifySignature({ ...changed, body: '{"reason":"mine"}' }, () => SECRET), { ok: true });
    assert.deepEqual(verifySignature({ ...changed, body: '{"reason":"mine"}' }, () => null), { ok: false, why: 'unknown_key' });
  });
});

describe('exchange client against a misbehaving exchange', () => {
  const opts = (url: string, over: Partial<ExchangeClientOptions> = {}) => new ExchangeClient({ baseUrl: url, keyId: 'k', secret: SECRET, timeoutMs: 300, backoffMs: 5, ...over });
  const account = { uid: '1', status: 'active', kycLevel: 1, twoFactorEnabled: true, registeredAt: '2024-01-01T00:00:00Z', email: null, phone: null, riskState: 'normal', frozenReason: null };

  it('retries a GET through 503s and signs each attempt', async () => {
    const seen: string[] = [];
    const server = await misbehaving((hit, req, res) => {
      seen.push(String(req.headers['x-ld-signature']));
      if (hit < 3) return res.writeHead(503, { 'retry-after': '0' }).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(account));
    });
    try {
      assert.equal((await opts(server.url).account('1'))?.uid, '1');
      assert.equal(server.hits(), 3);
      assert.ok(seen.every((s) => /^v1=[0-9a-f]{64}$/.test(s)));
    } finally {
      await server.close();
    }
  });

  it('retries a POST only when it carries an Idempotency-Key; gives up after the retries', async () => {
    const server = await misbehaving((_hit, _req, res) => void res.writeHead(503).end());
    try {
      const client = opts(server.url, { retries: 2 });
      assert.equal((await fail(client.freeze('1', 'reason given', 'idem-1'))).reason, 'status');
      assert.equal(server.hits(), 3);
      await fail(client.checkVerificationCode('1', 'challenge-1', '123456'));
      assert.equal(server.hits(), 4, 'a code check counts against the code: never repeated');
    } finally {
      await server.close();
    }
  });

  it('times out a silent exchange, retrying safe calls', async () => {
    const server = await misbehaving(() => {
      /* never answers */
    });
    try {
      const err = await fail(opts(server.url, { retries: 1 }).recentDeposits('1'));
      assert.equal(err.reason, 'timeout');
      assert.match(err.message, /within 300 ms/);
      assert.equal(server.hits(), 2);
    } finally {
      await server.close();
    }
  });

  it('refuses garbage and answers outside the contract without retrying; an unreachable exchange is unavailable', async () => {
    const bodies = ['<html>Bad gateway</html>', JSON.stringify({ ...account, status: 'sleeping' }), JSON.stringify({ error: { code: 'oops' } })];
    const server = await misbehaving((hit, _req, res) => {
      const status = hit === 3 ? 404 : 200;
      res.writeHead(status, { 'content-type': 'application/json' }).end(bodies[hit - 1]);
    });
    try {
      const client = opts(server.url);
      assert.match((await fail(client.account('1'))).message, /does not follow the contract/);
      const shape = await fail(client.account('1'));
      assert.equal(shape.reason, 'bad_response');
      assert.match(shape.message, /status/);
      assert.equal((await fail(client.account('1'))).reason, 'status', 'a 404 that is not "not found" is not a null');
      assert.equal(server.hits(), 3);
    } finally {
      await server.close();
    }
    assert.equal((await fail(opts(server.url, { retries: 0 }).account('1'))).reason, 'network');
  });
});
