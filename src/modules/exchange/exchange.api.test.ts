import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { botOf } from '../bot/index.js';
import { answerTo, botReplies, handovers, openChat, say } from '../bot/testKit.js';
import { exchangeOf } from './runtime.js';
import { signedHeaders } from './signing.js';
import { demoCases } from './simulator/demoAccounts.js';

const PATH = '/api/v1/exchange/risk-events';

describe('exchange: risk events and the bot look-ups', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const event = (id: string, over: Record<string, unknown> = {}) => ({
    id, type: 'login.new_device', uid: '69033418', occurredAt: '2025-03-01T07:59:12Z', data: { ip: '185.220.101.4', country: 'NL', city: 'Amsterdam', device: 'Chrome 122 on Windows 10' }, ...over,
  });
  const post = (body: string, headers: Record<string, string>) => t.http.inject({ method: 'POST', url: PATH, headers: { 'content-type': 'application/json', ...headers }, payload: body });
  const signed = (body: string, nowMs?: number, secret = exchangeOf(t.ctx).secret) => signedHeaders(exchangeOf(t.ctx).keyId, secret, 'POST', PATH, body, nowMs);
  const stored = async (eventId: string) => ({
    rows: await t.ctx.db.selectFrom('exchange_risk_events').selectAll().where('event_id', '=', eventId).execute(),
    outbox: (await t.ctx.db.selectFrom('outbox').select('payload').where('topic', '=', 'exchange.risk_event').execute()).filter((r) => r.payload.includes(eventId)),
  });

  it('stores a signed risk event once and records exchange.risk_event; a replay answers 200 and changes nothing', async () => {
    const customer = await t.ctx.db.insertInto('customers').values({
      id: '01950000-0000-7000-8000-000000000001', external_id: '69033418', email: 'sarah@example.test', phone: null, name: 'Sarah', locale: 'en', verified: 1, created_at: '2025-01-01T00:00:00Z', updated_at: '2025-01-01T00:00:00Z',
    }).returning('id').executeTakeFirstOrThrow();
    const body = JSON.stringify(event('evt_0001'));
    const first = await post(body, signed(body));
    assert.equal(first.statusCode, 201, first.body);
    const again = await post(body, signed(body));
    assert.equal(again.statusCode, 200);
    assert.deepEqual([again.json().duplicate, again.json().id], [true, first.json().id]);
    const { rows, outbox } = await stored('evt_0001');
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.customer_id, customer.id);
    assert.equal(JSON.parse(rows[0]!.data).device, 'Chrome 122 on Windows 10');
    assert.equal(outbox.length, 1);
    assert.deepEqual(JSON.parse(outbox[0]!.payload), { riskEventId: rows[0]!.id, eventId: 'evt_0001', type: 'login.new_device', uid: '69033418', customerId: customer.id, occurredAt: '2025-03-01T07:59:12Z' });

    const large = JSON.stringify(event('evt_0002', { type: 'withdrawal.large', uid: '55550000', data: { withdrawalId: 'WD1', coin: 'USDT', network: 'TRC20', amount: '48000', address: 'TWd4WrZ9wn84f5x1hZhL4DHvk738ns5jwb' } }));
    const res = await post(large, signed(large));
    assert.equal(res.statusCode, 201, res.body);
    assert.equal((await stored('evt_0002')).rows[0]!.customer_id, null, 'a UID we have no customer for yet is kept');
  });

  it('rejects forged, stale and unsigned events with 401 before writing anything; a signed bad body names the field', async () => {
    const body = JSON.stringify(event('evt_forged'));
    const cases: [string, Record<string, string>][] = [
      ['wrong secret', signed(body, undefined, 'f'.repeat(48))],
      ['stale timestamp', signed(body, Date.now() - 6 * 60_000)],
      ['from the future', signed(body, Date.now() + 6 * 60_000)],
      ['no headers', {}],
      ['another body', signed(JSON.stringify(event('evt_other')))],
      ['unknown key id', { ...signed(body), 'x-ld-key-id': 'someone-else' }],
    ];
    for (const [name, headers] of cases) {
      const res = await post(body, headers);
      assert.equal(res.statusCode, 401, name);
      assert.equal(res.json().error.code, 'unauthenticated', name);
    }
    const garbled = '{"id": "evt_garbled", ';
    assert.equal((await post(garbled, {})).statusCode, 401, 'an unsigned malformed body is a 401, not a parse error');
    assert.equal((await post(garbled, signed(garbled))).json().error.code, 'body_malformed');
    const badType = JSON.stringify(event('evt_badtype', { type: 'login.sideways' }));
    const res = await post(badType, signed(badType));
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.field, 'type');
    const extra = JSON.stringify(event('evt_extra', { data: { ip: '10.0.0.1', device: 'x', mood: 'bad' } }));
    assert.equal((await post(extra, signed(extra))).json().error.field, 'data.mood');
    for (const id of ['evt_forged', 'evt_other', 'evt_garbled', 'evt_badtype', 'evt_extra']) assert.equal((await stored(id)).rows.length, 0, id);
  });

  it('deposit flow: a wrong-network deposit is explained from the exchange and handed over with its record', async () => {
    const chat = await openChat(t, '充值没到账', { locale: 'zh-CN', topic: 'deposit', externalId: demoCases['deposit.wrong_network'].uid });
    await say(t, chat, 'USDT');
    await say(t, chat, 'ERC20');
    const sent = await say(t, chat, '0x4393e51c7c9ed2ff1023647ba2d435027cebcf90e6fd996b48da070aaff4b903');
    const replies = await answerTo(t, chat, sent);
    assert.match(replies[0]!.body, /通过 BNB Smart Chain \(BEP20\) 转入的，但您使用的充值地址属于 Ethereum \(ERC20\)/);
    assert.match(replies.at(-1)!.body, /转交充值专员/);
    const ticket = await t.ctx.db.selectFrom('tickets').select('fields').where('id', '=', chat.ticketId).executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(ticket.fields), {
      coin: 'USDT', network: 'BEP20', amount: '3500', address: '0x6dec85f5b9774787a16e46ec8d82fc062cb762b5', txHash: '0x4393e51c7c9ed2ff1023647ba2d435027cebcf90e6fd996b48da070aaff4b903',
    });
    const note = (await botReplies(t, chat, sent)).find((m) => m.visibility === 'internal');
    assert.match(note!.body, /network: BEP20/);
    assert.equal((await handovers(t, chat.ticketId)).length, 1);
  });

  it('deposit flow: a confirming deposit is explained with x of y and the time to go, then asks if that solved it', async () => {
    const { uid } = demoCases['deposit.confirming'];
    const deposit = (await exchangeOf(t.ctx).client.recentDeposits(uid)).find((d) => d.id === demoCases['deposit.confirming'].id)!;
    const chat = await openChat(t, 'my deposit has not arrived', { locale: 'en', topic: 'deposit', externalId: uid });
    await say(t, chat, 'ETH');
    await say(t, chat, 'ERC20');
    const sent = await say(t, chat, deposit.txHash!);
    const replies = await answerTo(t, chat, sent);
    assert.match(replies[0]!.body, /1\.25 ETH has arrived on Ethereum \(ERC20\)[\s\S]*5 of 12 so far[\s\S]*about 2 min/);
    assert.deepEqual(replies.at(-1)!.meta?.choices?.map((c) => c.value), ['yes', 'no']);
    assert.equal((await handovers(t, chat.ticketId)).length, 0);
  });

  it('deposit flow: a TxID the exchange does not have on the account is said so, then the details are collected', async () => {
    const chat = await openChat(t, '입금이 안 돼요', { locale: 'ko', topic: 'deposit', externalId: '73651209' });
    await say(t, chat, 'USDT');
    await say(t, chat, 'TRC20');
    const sent = await say(t, chat, 'b'.repeat(64));
    const replies = await answerTo(t, chat, sent);
    assert.match(replies[0]!.body, /입금을 고객님 계정에서 찾을 수 없어요/);
    assert.match(replies.at(-1)!.body, /얼마나 보내셨나요/);
  });

  it('withdrawal look-up: waiting for KYC, with both levels, in the customer\'s language', async () => {
    const { uid, id } = demoCases['withdrawal.kyc_required'];
    // Zhou's customer row exists since the confirming-deposit chat above.
    const customer = await t.ctx.db.selectFrom('customers').select('id').where('external_id', '=', uid).executeTakeFirstOrThrow();
    const result = await botOf(t.ctx).actions.run('exchange.withdrawalByTxHash', { params: { withdrawalId: id }, fields: {}, locale: 'zh-CN', ticketId: 'none', customerId: customer.id });
    assert.ok(!('failed' in result));
    assert.equal(result.outcome, 'kyc_required');
    assert.match(result.fields!.diagnosisText!, /需要 KYC 2 级，您的账户目前为 1 级/);
    assert.equal(result.fields!.amount, '3000');
  });

  it('deposit flow: when the exchange cannot answer, the customer is told honestly and handed over — never a guess', async () => {
    await exchangeOf(t.ctx).simulator!.close();
    const chat = await openChat(t, 'my deposit hasnt arrived', { locale: 'en', topic: 'deposit', externalId: '70012964' });
    await say(t, chat, 'USDT');
    await say(t, chat, 'TRC20');
    const sent = await say(t, chat, 'c'.repeat(64));
    const replies = await answerTo(t, chat, sent);
    assert.match(replies[0]!.body, /can't check this transaction right now/);
    assert.doesNotMatch(replies.map((r) => r.body).join('\n'), /credited|confirmations/);
    const ticket = await t.ctx.db.selectFrom('tickets').select('fields').where('id', '=', chat.ticketId).executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(ticket.fields), { coin: 'USDT', network: 'TRC20', txHash: 'c'.repeat(64) });
    assert.equal((await handovers(t, chat.ticketId)).length, 1);
  });
});
