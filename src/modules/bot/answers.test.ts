import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { recordEvent } from '../../platform/bus/outbox.js';
import { botReplier } from './commands/botReplier.js';
import { answerTo, botReplies, botStateOf, handovers, openChat, say, settle } from './testKit.js';

describe('bot answers chat messages', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ SEED_HELP_CENTER: 'true' });
  });
  after(() => t.close());

  for (const [words, locale, expected] of [
    ['充值没到账', 'zh-CN', /币种/],
    ['deposit not arrived', 'en', /Which coin/],
    ['입금이 안 돼요', 'ko', /코인/],
  ] as const) {
    it(`"${words}" starts the deposit flow in ${locale}, with a way to a person`, async () => {
      const chat = await openChat(t, words, { locale });
      const [reply, ...more] = await answerTo(t, chat);
      assert.equal(more.length, 0);
      assert.match(reply!.body, expected);
      assert.deepEqual(reply!.meta?.choices?.map((c) => c.value), ['USDT', 'BTC', 'ETH', 'USDC']);
      assert.equal(reply!.meta?.handover, true);
      assert.equal(((await botStateOf(t, chat.ticketId)).flow as { step: string }).step, 'coin');
      const recorded = await t.ctx.db.selectFrom('bot_replies').selectAll().where('ticket_id', '=', chat.ticketId).execute();
      assert.equal(recorded[0]?.intent, 'deposit_not_credited');
    });
  }

  it('answers in the script the customer writes in, whatever the chat locale', async () => {
    const chat = await openChat(t, '입금이 안 돼요', { locale: 'en' });
    assert.match((await answerTo(t, chat))[0]!.body, /코인/);
  });

  it('answers an article question with the summary and a card linking the article in the reader\'s locale', async () => {
    const chat = await openChat(t, '忘记密码了', { locale: 'zh-CN' });
    const [reply] = await answerTo(t, chat);
    assert.equal(reply!.meta?.article?.slug, 'reset-login-password');
    assert.match(reply!.meta!.article!.url, /^http:\/\/localhost:3000\/help\/zh-CN\/articles\/reset-login-password$/);
    assert.ok(reply!.body.includes(reply!.meta!.article!.summary));
    assert.equal(reply!.meta?.handover, true);
  });

  it('an unsure message gets three choices; choosing one by its label answers that intent', async () => {
    const chat = await openChat(t, 'my account', { locale: 'en' });
    const [suggestion] = await answerTo(t, chat);
    const choices = suggestion!.meta?.choices ?? [];
    assert.equal(choices.length, 3, suggestion!.body);
    assert.ok(choices.every((c) => c.value.startsWith('intent:')));
    assert.equal(suggestion!.meta?.handover, true);

    const picked = choices.find((c) => c.value === 'intent:account_locked') ?? choices[0]!;
    const clicked = await say(t, chat, picked.label);
    const [answer] = await answerTo(t, chat, clicked);
    const intent = (await t.ctx.db.selectFrom('bot_replies').select(['intent', 'confidence']).where('message_id', '=', clicked).executeTakeFirstOrThrow());
    assert.equal(`intent:${intent.intent}`, picked.value);
    assert.equal(intent.confidence, 1);
    assert.ok(answer!.meta?.article || answer!.meta?.choices, answer!.body);
  });

  it('gibberish gets help-center hits as choices or an apology, always with the handover button', async () => {
    const chat = await openChat(t, 'qwxz zzkj plorf', { locale: 'en' });
    const [reply] = await answerTo(t, chat);
    assert.equal(reply!.meta?.handover, true);
    const choices = reply!.meta?.choices ?? [];
    if (choices.length) assert.ok(choices.every((c) => c.value.startsWith('article:')));
    else assert.match(reply!.body, /Sorry/);
    const recorded = await t.ctx.db.selectFrom('bot_replies').select('intent').where('ticket_id', '=', chat.ticketId).executeTakeFirstOrThrow();
    assert.equal(recorded.intent, null);
  });

  it('when nothing is confident, help-center hits are offered and choosing one by its title shows the article', async () => {
    // Pin the thresholds above any confidence: every message takes the search path.
    await t.ctx.db.insertInto('settings').values({ key: 'bot_settings', value: JSON.stringify({ answerThreshold: 1, suggestThreshold: 1 }) }).execute();
    try {
      const chat = await openChat(t, 'withdrawal fee', { locale: 'en' });
      const [hits] = await answerTo(t, chat);
      const choices = hits!.meta?.choices ?? [];
      assert.ok(choices.length >= 1 && choices.length <= 3, hits!.body);
      assert.ok(choices.every((c) => c.value.startsWith('article:')));
      const clicked = await say(t, chat, choices[0]!.label);
      const [article] = await answerTo(t, chat, clicked);
      assert.equal(`article:${article!.meta?.article?.slug}`, choices[0]!.value);
      assert.equal(article!.meta?.handover, true);
    } finally {
      await t.ctx.db.deleteFrom('settings').where('key', '=', 'bot_settings').execute();
    }
  });

  it('"转人工" asks routing for a person (reason bot), and routing takes the chat out of the bot\'s hands', async () => {
    const chat = await openChat(t, '转人工', { locale: 'zh-CN' });
    const [reply] = await answerTo(t, chat);
    assert.match(reply!.body, /人工客服/);
    const asked = await handovers(t, chat.ticketId);
    assert.deepEqual(asked, [{ ticketId: chat.ticketId, reason: 'bot', locale: 'zh-CN', category: 'platform' }]);
    const state = await t.ctx.db.selectFrom('chats').select('state').where('ticket_id', '=', chat.ticketId).executeTakeFirstOrThrow();
    assert.notEqual(state.state, 'bot');
  });

  it('"talk to a person" in English and Korean is understood too', async () => {
    for (const [words, locale] of [['I want to talk to a real person', 'en'], ['상담원 연결해 주세요', 'ko']] as const) {
      const chat = await openChat(t, words, { locale });
      assert.equal((await handovers(t, chat.ticketId)).length, 1, words);
    }
  });

  it('"my account was hacked" from a customer the exchange cannot vouch for: how to freeze it themselves, the evidence checklist, urgent to security', async () => {
    const chat = await openChat(t, 'my account was hacked', { locale: 'en' });
    const replies = await answerTo(t, chat);
    const text = replies.map((r) => r.body).join('\n');
    assert.match(text, /I can only freeze an account from a conversation where you are signed in[\s\S]*Profile → Security → Freeze account/);
    assert.match(text, /screenshots of the withdrawals, trades or logins you did not make/);
    assert.ok(replies.some((r) => r.meta?.article?.slug === 'account-hacked-what-to-do'));
    const ticket = await t.ctx.db.selectFrom('tickets').select(['priority', 'category']).where('id', '=', chat.ticketId).executeTakeFirstOrThrow();
    assert.deepEqual(ticket, { priority: 'urgent', category: 'security' });
    const timeline = await t.ctx.db.selectFrom('ticket_events').select('type').where('ticket_id', '=', chat.ticketId).execute();
    assert.ok(timeline.some((e) => e.type === 'priority_changed'));
    assert.ok(!timeline.some((e) => e.type === 'account_frozen'), 'no freeze without proof of identity');
    assert.deepEqual((await handovers(t, chat.ticketId)).map((h) => h.category), ['security']);
  });

  it('stays silent once a person has the chat', async () => {
    const chat = await openChat(t, 'hello', { locale: 'en' });
    const before = (await botReplies(t, chat)).length;
    await t.ctx.db.updateTable('chats').set({ state: 'assigned' }).where('ticket_id', '=', chat.ticketId).execute();
    await say(t, chat, 'where is my deposit');
    assert.equal((await botReplies(t, chat)).length, before);
  });

  it('writes one reply even when the message event is delivered twice or handled by two nodes at once', async () => {
    const chat = await openChat(t, 'hi', { locale: 'en' });
    const messageId = await say(t, chat, 'thanks');
    const count = (await botReplies(t, chat)).length;
    const event = await t.ctx.db.selectFrom('outbox').select('payload').where('topic', '=', 'message.created').where('payload', 'like', `%${messageId}%`).executeTakeFirstOrThrow();
    await t.ctx.transaction((trx) => recordEvent(trx, 'message.created', JSON.parse(event.payload) as Record<string, unknown>));
    await settle(t);
    const outcomes = await Promise.all([botReplier(t.ctx, messageId), botReplier(t.ctx, messageId)]);
    assert.deepEqual(outcomes, ['duplicate', 'duplicate']);
    assert.equal((await botReplies(t, chat)).length, count);
  });

  it('two deliveries racing before either is stored still give one reply', async () => {
    const chat = await openChat(t, 'hi', { locale: 'en' });
    await t.ctx.db.updateTable('chats').set({ state: 'queued' }).where('ticket_id', '=', chat.ticketId).execute();
    const messageId = await say(t, chat, 'how do I deposit');
    await t.ctx.db.updateTable('chats').set({ state: 'bot' }).where('ticket_id', '=', chat.ticketId).execute();
    const before = (await botReplies(t, chat)).length;
    const outcomes = (await Promise.all([botReplier(t.ctx, messageId), botReplier(t.ctx, messageId)])).sort();
    assert.deepEqual(outcomes, ['answered', 'duplicate']);
    assert.equal((await botReplies(t, chat)).length, before + 1);
  });

  it('the bot switched off in settings stays silent', async () => {
    await t.ctx.db.insertInto('settings').values({ key: 'bot_settings', value: JSON.stringify({ enabled: false }) }).execute();
    try {
      const chat = await openChat(t, 'hello', { locale: 'en' });
      assert.equal((await botReplies(t, chat)).length, 0);
    } finally {
      await t.ctx.db.deleteFrom('settings').where('key', '=', 'bot_settings').execute();
    }
    await settle(t);
  });
});
