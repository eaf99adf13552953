import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { newId, nowIso } from '../../platform/db/ids.js';
import { answerTo, botReplies, botStateOf, handovers, openChat, say, type TestChat } from './testKit.js';

const TRON_TX = 'a3f1c9e27b04d8f6e5a2b1c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6b';
const EVM_TX = `0x${TRON_TX}`;
const ADDRESS = 'TXk3pJmNd7sQ5YvW2rBh8LcF4gEaU9oZ1T';

describe('bot flows', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ SEED_HELP_CENTER: 'true' });
  });
  after(() => t.close());

  const step = async (chat: TestChat) => ((await botStateOf(t, chat.ticketId)).flow as { step: string } | undefined)?.step;
  const ticketOf = (id: string) => t.ctx.db.selectFrom('tickets').select(['category', 'fields', 'priority']).where('id', '=', id).executeTakeFirstOrThrow();

  it('deposit not credited, end to end: coin, network, a bad TxID asked again, explanation, then a hand-over with the deposit fields filled', async () => {
    const chat = await openChat(t, '充值没到账', { locale: 'zh-CN', topic: 'deposit' });
    assert.equal(await step(chat), 'coin');
    await say(t, chat, 'USDT');
    assert.equal(await step(chat), 'network');
    await say(t, chat, 'trc20');

    const bad = await say(t, chat, '0xabc');
    const [reask] = await answerTo(t, chat, bad);
    assert.match(reask!.body, /不是 TxID[\s\S]*请粘贴/);
    assert.equal(await step(chat), 'txHash');

    const good = await say(t, chat, TRON_TX);
    const explained = await answerTo(t, chat, good);
    assert.ok(explained[0]!.body.includes(`https://tronscan.org/#/transaction/${TRON_TX}`), explained[0]!.body);
    assert.match(explained[0]!.body, /TRC20\)：20/);
    assert.equal(explained[0]!.meta?.article?.slug, 'deposit-confirmations');
    assert.deepEqual(explained.at(-1)!.meta?.choices?.map((c) => c.label), ['已解决，谢谢', '没有，仍需帮助']);
    assert.equal(explained.at(-1)!.meta?.handover, true);

    await say(t, chat, '没有，仍需帮助');
    await say(t, chat, '1,250.5'); // not a plain number: asked again
    assert.equal(await step(chat), 'amount');
    await say(t, chat, '1250.5');
    const last = await say(t, chat, ADDRESS);
    const closing = await botReplies(t, chat, last);
    assert.match(closing.find((m) => m.visibility === 'public')!.body, /充值专员/);
    const note = closing.find((m) => m.visibility === 'internal')!;
    assert.match(note.body, /txHash: a3f1c9e2/);

    const ticket = await ticketOf(chat.ticketId);
    assert.equal(ticket.category, 'deposit');
    assert.deepEqual(JSON.parse(ticket.fields), { coin: 'USDT', network: 'TRC20', amount: '1250.5', txHash: TRON_TX, address: ADDRESS });
    assert.deepEqual(await handovers(t, chat.ticketId), [{ ticketId: chat.ticketId, reason: 'flow', locale: 'zh-CN', category: 'deposit' }]);
    assert.equal((await botStateOf(t, chat.ticketId)).flow, undefined);
  });

  it('an EVM TxID given for TRC20 explains the wrong-network case with its article, in English', async () => {
    const chat = await openChat(t, 'my deposit hasnt arrived', { locale: 'en' });
    await say(t, chat, 'USDT');
    await say(t, chat, 'TRC20');
    const sent = await say(t, chat, EVM_TX);
    const [explained] = await answerTo(t, chat, sent);
    assert.match(explained!.body, /looks like a transaction on ERC20/);
    assert.equal(explained!.meta?.article?.slug, 'deposit-wrong-network');
  });

  it('an unknown network hands over with coin, network and TxID filled', async () => {
    const chat = await openChat(t, '입금이 안 돼요', { locale: 'ko' });
    await say(t, chat, 'USDT');
    await say(t, chat, 'KAVA');
    await say(t, chat, TRON_TX);
    const ticket = await ticketOf(chat.ticketId);
    assert.equal(ticket.category, 'deposit');
    assert.deepEqual(JSON.parse(ticket.fields), { coin: 'USDT', network: 'KAVA', txHash: TRON_TX });
    assert.equal((await handovers(t, chat.ticketId))[0]?.reason, 'flow');
  });

  it('"talk to a person" leaves a flow at once, handing over what was collected', async () => {
    const chat = await openChat(t, 'deposit not arrived', { locale: 'en' });
    await say(t, chat, 'BTC');
    await say(t, chat, 'I want to talk to a real person');
    assert.equal(await step(chat), undefined);
    const asked = await handovers(t, chat.ticketId);
    assert.deepEqual(asked.map((h) => [h.reason, h.category]), [['flow', 'deposit']]);
    assert.deepEqual(JSON.parse((await ticketOf(chat.ticketId)).fields), { coin: 'BTC' });
  });

  it('a clearly different question after two answers that did not fit leaves the flow and is answered', async () => {
    const chat = await openChat(t, 'deposit not arrived', { locale: 'en' });
    const first = await say(t, chat, 'forgot my password');
    assert.match((await answerTo(t, chat, first))[0]!.body, /coin symbol/);
    assert.equal(await step(chat), 'coin');
    const second = await say(t, chat, 'forgot my password');
    const [answer] = await answerTo(t, chat, second);
    assert.equal(answer!.meta?.article?.slug, 'reset-login-password');
    assert.equal(await step(chat), undefined);
  });

  it('three answers that do not fit hand the chat to a person', async () => {
    const chat = await openChat(t, '充值没到账', { locale: 'zh-CN' });
    for (const nonsense of ['？？？', '!!!', '...']) await say(t, chat, nonsense);
    assert.equal((await handovers(t, chat.ticketId))[0]?.reason, 'flow');
  });

  it('withdrawal pending: a short wait is explained, a long one collects the withdrawal fields', async () => {
    const chat = await openChat(t, '提币一直在审核', { locale: 'zh-CN' });
    const [question] = await answerTo(t, chat);
    assert.deepEqual(question!.meta?.choices?.map((c) => c.value), ['under_30m', '30m_24h', 'over_24h']);
    const long = await say(t, chat, '超过 24 小时');
    assert.match((await answerTo(t, chat, long))[0]!.body, /币种/);
    for (const answer of ['USDT', 'TRC20', '500', ADDRESS]) await say(t, chat, answer);
    await say(t, chat, '没有');
    const ticket = await ticketOf(chat.ticketId);
    assert.equal(ticket.category, 'withdrawal');
    assert.deepEqual(JSON.parse(ticket.fields), { coin: 'USDT', network: 'TRC20', amount: '500', address: ADDRESS });
  });

  it('a flow calling an action nobody registered hands over safely', async () => {
    const now = nowIso();
    const definition = {
      title: { en: 'Lookup' },
      category: 'deposit',
      start: 'tx',
      steps: {
        tx: { type: 'ask', say: { en: 'TxID?' }, field: 'txHash', next: 'lookup' },
        lookup: { type: 'action', action: 'custody.addressOwner', outcomes: {}, default: 'done' },
        done: { type: 'message', say: { en: 'Found it.' } },
      },
    };
    await t.ctx.db.insertInto('bot_flows').values({ id: newId(), slug: 'lookup-test', definition: JSON.stringify(definition), enabled: 1, created_at: now, updated_at: now }).execute();
    await t.ctx.db.updateTable('bot_intents').set({ answer: JSON.stringify({ type: 'flow', flow: 'lookup-test', title: { en: 'Thanks' } }) }).where('name', '=', 'thanks').execute();
    const chat = await openChat(t, 'thank you', { locale: 'en' });
    const sent = await say(t, chat, TRON_TX);
    const replies = await answerTo(t, chat, sent);
    assert.match(replies.at(-1)!.body, /can't check this automatically/);
    assert.equal((await handovers(t, chat.ticketId))[0]?.reason, 'flow');
    assert.deepEqual(JSON.parse((await ticketOf(chat.ticketId)).fields), { txHash: TRON_TX });
  });
});
