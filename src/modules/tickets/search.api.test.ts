import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { agentWithToken } from '../../../test/factories.js';
import { createTicket } from './testKit.js';

/**
 * Full-text search in the inbox (migration 014) on both databases: what the index holds is
 * what was stored, in the same transaction, in zh / en / ko. Each case confines itself with a
 * tag of its own, so cases share one app.
 */
describe('inbox full-text search', () => {
  let t: TestApp;
  let headers: Record<string, string>;
  before(async () => {
    t = await createTestApp();
    ({ headers } = await agentWithToken(t.ctx));
  });
  after(() => t.close());

  const tagged = () => `search-${randomBytes(4).toString('hex')}`;
  async function search(tag: string, q: string): Promise<string[]> {
    const res = await t.http.inject({ method: 'GET', url: `/api/v1/inbox?status=any&tag=${tag}&q=${encodeURIComponent(q)}`, headers });
    assert.equal(res.statusCode, 200, `${q}: ${res.body}`);
    return (res.json() as { items: { number: string }[] }).items.map((r) => r.number).sort();
  }

  it('finds Chinese words of one to four characters anywhere in subjects and messages', async () => {
    const tag = tagged();
    const deposit = await createTicket(t, headers, { tags: [tag], subject: '充值问题', body: '我的USDT充值还没到账，请尽快处理' });
    const withdraw = await createTicket(t, headers, { tags: [tag], subject: '比特幣提现失败', body: '提现一直在审核中' });
    assert.deepEqual(await search(tag, '充值'), [deposit.number]);
    assert.deepEqual(await search(tag, '到账'), [deposit.number]);
    assert.deepEqual(await search(tag, '还没到账'), [deposit.number]);
    assert.deepEqual(await search(tag, '币'), [withdraw.number], 'one character, last in its run, traditional in the text');
    assert.deepEqual(await search(tag, '提'), [withdraw.number], 'one character inside a run');
    assert.deepEqual(await search(tag, '提现'), [withdraw.number]);
    assert.deepEqual(await search(tag, '审核中'), [withdraw.number]);
    assert.deepEqual(await search(tag, '到提'), [], 'characters that are never adjacent');
    assert.deepEqual(await search(tag, 'USDT 充值'), [deposit.number], 'mixed scripts: every word must match');
  });

  it('finds Korean words whatever particle the text or the query carries', async () => {
    const tag = tagged();
    const password = await createTicket(t, headers, { tags: [tag], subject: '비밀번호를 잊어버렸어요', body: '로그인이 안 돼요' });
    const withdrawal = await createTicket(t, headers, { tags: [tag], subject: '출금이 안 돼요', body: 'USDT 출금신청이 계속 대기 중이에요' });
    assert.deepEqual(await search(tag, '비밀번호가'), [password.number]);
    assert.deepEqual(await search(tag, '비밀번호'), [password.number]);
    assert.deepEqual(await search(tag, '출금을'), [withdrawal.number]);
    assert.deepEqual(await search(tag, '출금신청'), [withdrawal.number]);
    assert.deepEqual(await search(tag, '로그인'), [password.number]);
    assert.deepEqual(await search(tag, '입금'), []);
  });

  it('finds English words by prefix and inflection, hashes by prefix, and customers by name', async () => {
    const tag = tagged();
    const hash = `0x${randomBytes(32).toString('hex')}`;
    const name = `Zelda${randomBytes(3).toString('hex')}`;
    const stuck = await createTicket(t, headers, { tags: [tag], subject: 'Withdrawal stuck in review', body: `TxID ${hash} confirmed on chain` });
    const other = await createTicket(t, headers, { tags: [tag], subject: 'Deposits missing', body: 'Two deposits never arrived', customer: { externalId: `UID${randomBytes(4).toString('hex')}`, name: `${name} O'Brien` } });
    assert.deepEqual(await search(tag, 'withdr'), [stuck.number]);
    assert.deepEqual(await search(tag, 'WITHDRAWALS'), [stuck.number]);
    assert.deepEqual(await search(tag, 'deposit'), [other.number]);
    assert.deepEqual(await search(tag, 'review stuck'), [stuck.number]);
    assert.deepEqual(await search(tag, 'stuck deposits'), [], 'every word must match in one subject or message');
    assert.deepEqual(await search(tag, hash.slice(0, 14)), [stuck.number]);
    assert.deepEqual(await search(tag, hash.toUpperCase()), [stuck.number]);
    assert.deepEqual(await search(tag, name.toLowerCase()), [other.number]);
    assert.deepEqual(await search(tag, `O'Brien`), [other.number], 'a quote is punctuation');
  });

  it('takes %, _, quotes and backslashes literally as punctuation, never as syntax', async () => {
    const tag = tagged();
    const done = await createTicket(t, headers, { tags: [tag], subject: 'Rebate 100% paid', body: 'field rebate_rate was "0.5" \\ fine' });
    for (const q of ['%', '_', '%%', `'`, `"`, '\\', `" OR 1=1 --`, `') or ('1`, 'AND', '*', 'NEAR(x y)', `'a':*`]) {
      assert.deepEqual(await search(tag, q), [], q);
    }
    assert.deepEqual(await search(tag, '100%'), [done.number]);
    assert.deepEqual(await search(tag, 'rebate_rate'), [done.number]);
    assert.deepEqual(await search(tag, '"0.5"'), [done.number]);
  });

  it('reflects new messages, internal notes and subject changes at once', async () => {
    const tag = tagged();
    const word = `kiwi${randomBytes(4).toString('hex')}`;
    const ticket = await createTicket(t, headers, { tags: [tag], subject: 'Account frozen' });
    assert.deepEqual(await search(tag, word), []);
    const reply = await t.http.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.number}/messages`, headers, payload: { body: `Checked ${word} on chain` } });
    assert.equal(reply.statusCode, 201, reply.body);
    assert.deepEqual(await search(tag, word), [ticket.number]);
    const note = await t.http.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.number}/messages`, headers, payload: { body: '风控复核 pending', visibility: 'internal' } });
    assert.equal(note.statusCode, 201, note.body);
    assert.deepEqual(await search(tag, '风控'), [ticket.number], 'agents search internal notes too');

    const renamed = await t.http.inject({ method: 'PATCH', url: `/api/v1/tickets/${ticket.number}`, headers, payload: { subject: 'Account unfrozen' } });
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.deepEqual(await search(tag, 'unfrozen'), [ticket.number]);
    assert.deepEqual(await search(tag, 'frozen'), [], 'the old subject is gone from the index');
  });

  it('lists the surviving ticket of a merge, never the merged one', async () => {
    const tag = tagged();
    const word = `plum${randomBytes(4).toString('hex')}`;
    const customer = { externalId: `UID${randomBytes(4).toString('hex')}` };
    const source = await createTicket(t, headers, { tags: [tag], customer, body: `Second request about ${word}` });
    const target = await createTicket(t, headers, { tags: [tag], customer, body: 'First request' });
    assert.deepEqual(await search(tag, word), [source.number]);
    const merged = await t.http.inject({ method: 'POST', url: `/api/v1/tickets/${source.number}/merge`, headers, payload: { intoTicket: target.number } });
    assert.equal(merged.statusCode, 200, merged.body);
    assert.deepEqual(await search(tag, word), [], 'the merged ticket left the inbox');
    // The survivor's thread says which request it absorbed.
    assert.deepEqual(await search(tag, source.number.split('-')[1]!), [target.number]);
  });
});
