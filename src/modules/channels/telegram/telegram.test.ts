import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { agentWithToken } from '../../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { startTelegramLoopback, type TelegramLoopback } from '../../../../test/loopback/telegramBotApi.js';
import { loadConfig } from '../../../config.js';
import { agentOn, createTeam } from '../../routing/testKit.js';
import { FrameClient } from '../../../platform/realtime/testClient.js';
import { wsUrlOf } from '../chat/chatTesting.js';
import { DELIVER_REPLY_JOB } from '../index.js';
import { TELEGRAM_WEBHOOK_PATH } from './http/webhookRoutes.js';

/**
 * The Telegram channel against a loopback Bot API server, with updates shaped as Telegram sends
 * them (fixtures/updates.json): webhook secret, conversations answered by the bot, buttons,
 * hand-over to a person, agents' replies out, files in, blocked users, retries, long polling.
 */
type FixtureName = 'start' | 'depositZh' | 'photoZh' | 'handoverButtonZh' | 'stickerEn' | 'groupMessage' | 'withdrawalEn' | 'documentKo' | 'editedKo' | 'agentCommandEn' | 'channelPost';
const fixtures = JSON.parse(readFileSync(new URL('./fixtures/updates.json', import.meta.url), 'utf8')) as Record<FixtureName, Record<string, unknown>>;
const SECRET = 'tg-webhook-secret-for-tests-0001';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const userOf = (update: Record<string, unknown>) => {
  const part = (update.message ?? update.edited_message ?? update.callback_query) as { from: { id: number } };
  return part.from.id;
};

describe('Telegram channel', () => {
  let t: TestApp;
  let tg: TelegramLoopback;
  /** The agent the hand-over test assigned (the typing test types as them). */
  let assigned: { id: string; headers: Record<string, string> };
  const post = (update: unknown, secret: string | null = SECRET) =>
    t.http.inject({ method: 'POST', url: TELEGRAM_WEBHOOK_PATH, payload: update as object, headers: secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret } });
  const deliver = async (update: Record<string, unknown>) => {
    const res = await post(update);
    assert.equal(res.statusCode, 200, res.body);
    for (let i = 0; i < 3; i++) await t.ctx.relay.drain();
  };
  const sentTo = (chatId: number) => tg.sent.filter((m) => m.chatId === chatId);
  const conversationOf = async (userId: number) => {
    const row = await t.ctx.db.selectFrom('channel_identities').innerJoin('tickets', 'tickets.customer_id', 'channel_identities.customer_id')
      .innerJoin('chats', 'chats.ticket_id', 'tickets.id')
      .select(['tickets.id', 'tickets.number', 'tickets.channel', 'tickets.locale', 'tickets.customer_id as customerId', 'chats.state'])
      .where('channel_identities.external_id', '=', String(userId)).orderBy('tickets.id', 'desc').executeTakeFirst();
    return row;
  };
  const messagesOf = (ticketId: string) => t.ctx.db.selectFrom('messages').select(['id', 'author_type', 'body', 'channel']).where('ticket_id', '=', ticketId).orderBy('id').execute();

  before(async () => {
    tg = await startTelegramLoopback();
    t = await createTestApp({
      SEED_HELP_CENTER: 'true', TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_MODE: 'webhook', TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: tg.apiRoot,
    });
  });
  after(async () => {
    await t.close();
    await tg.close();
  });

  it('registers its webhook with the secret, and refuses posts without the secret before writing anything', async () => {
    assert.ok(tg.calls.includes('setWebhook'));
    const jobs = async () => Number((await t.ctx.db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).where('name', '=', 'telegram.update').executeTakeFirstOrThrow()).n);
    const before = await jobs();
    for (const secret of [null, 'wrong-secret-wrong-secret', `${SECRET}x`]) {
      const res = await post(fixtures.depositZh, secret);
      assert.equal(res.statusCode, 401, res.body);
      assert.equal(res.json().error.code, 'unauthenticated');
    }
    const bad = await post({ message: { text: 'no update id' } });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.field, 'update_id');
    assert.equal(await jobs(), before);
  });

  it('/start greets in the user\'s language with the safety warning, and opens no ticket', async () => {
    await deliver(fixtures.start);
    const [welcome] = sentTo(userOf(fixtures.start));
    assert.match(welcome!.text!, /공식 고객지원/);
    assert.match(welcome!.text!, /시드 문구/);
    assert.equal(await conversationOf(userOf(fixtures.start)), undefined);
  });

  it('a private message opens a conversation the bot answers, with buttons; a redelivered update adds nothing', async () => {
    const user = userOf(fixtures.depositZh);
    await deliver(fixtures.depositZh);
    await deliver(fixtures.depositZh);
    const chat = await conversationOf(user);
    assert.ok(chat);
    assert.equal(chat.channel, 'telegram');
    assert.equal(chat.locale, 'zh-CN');
    assert.equal(chat.state, 'bot');
    const customer = await t.ctx.db.selectFrom('customers').selectAll().where('id', '=', chat.customerId).executeTakeFirstOrThrow();
    assert.equal(customer.name, '伟 陈');
    assert.equal(customer.verified, 0, 'a Telegram account proves nothing about an exchange account');
    const messages = await messagesOf(chat.id);
    assert.deepEqual(messages.filter((m) => m.author_type === 'customer').map((m) => m.body), ['充值没到账']);
    const answer = sentTo(user).at(-1)!;
    assert.match(answer.text!, /币种/);
    const labels = answer.buttons!.map((row) => row[0]![0]);
    assert.deepEqual(labels.slice(0, 4), ['USDT', 'BTC', 'ETH', 'USDC']);
    assert.deepEqual(answer.buttons!.at(-1)![0], ['转人工客服', 'handover']);
  });

  it('pressing a button reads as the customer saying its label, and the flow goes on', async () => {
    const user = userOf(fixtures.depositZh);
    const question = sentTo(user).at(-1)!;
    const [label, data] = question.buttons![0]![0]!;
    await deliver({
      update_id: 846210003,
      callback_query: {
        id: '2586781342867241500', from: (fixtures.depositZh.message as { from: object }).from, chat_instance: '-4870120593846175512', data,
        message: { message_id: question.messageId, date: 1764660065, chat: { id: user, type: 'private' }, text: question.text, reply_markup: { inline_keyboard: question.buttons!.map((row) => row.map(([text, cb]) => ({ text, callback_data: cb }))) } },
      },
    });
    assert.ok(tg.calls.includes('answerCallbackQuery'));
    const chat = (await conversationOf(user))!;
    const said = (await messagesOf(chat.id)).filter((m) => m.author_type === 'customer').map((m) => m.body);
    assert.deepEqual(said, ['充值没到账', label]);
    assert.match(sentTo(user).at(-1)!.text!, /网络/);
  });

  it('a photo is kept as an attachment of the customer\'s message', async () => {
    tg.addFile('AgACAgUAAxkBAAIBE2dTx_large', PNG, 'photos/file_7.png');
    const user = userOf(fixtures.photoZh);
    await deliver(fixtures.photoZh);
    const chat = (await conversationOf(user))!;
    const last = (await messagesOf(chat.id)).filter((m) => m.author_type === 'customer').at(-1)!;
    assert.equal(last.body, '这是充值记录截图');
    const files = await t.ctx.db.selectFrom('attachments').selectAll().where('message_id', '=', last.id).execute();
    assert.equal(files.length, 1);
    assert.equal(files[0]!.content_type, 'image/png');
    assert.equal(files[0]!.size, PNG.length);
  });

  it('"talk to a person" hands over to an online agent, who is announced; their reply arrives signed', async () => {
    const admin = (await agentWithToken(t.ctx, 'admin')).headers;
    const team = await createTeam(t, admin, { languages: ['zh-CN'] });
    const agent = await agentOn(t, [team], { maxChats: 3 });
    assigned = agent;
    const name = (await t.ctx.db.selectFrom('agents').select('name').where('id', '=', agent.id).executeTakeFirstOrThrow()).name;
    const user = userOf(fixtures.handoverButtonZh);
    await deliver(fixtures.handoverButtonZh);
    const chat = (await conversationOf(user))!;
    assert.equal(chat.state, 'assigned');
    assert.ok(sentTo(user).some((m) => m.text === `客服 ${name.split(/\s+/)[0]} 已加入对话。`), JSON.stringify(sentTo(user).map((m) => m.text)));

    const reply = await t.http.inject({ method: 'POST', url: `/api/v1/tickets/${chat.id}/messages`, headers: agent.headers, payload: { body: '您好，请提供充值的交易哈希（TxID），我来帮您查询。' } });
    assert.equal(reply.statusCode, 201, reply.body);
    for (let i = 0; i < 3; i++) await t.ctx.relay.drain();
    assert.equal(sentTo(user).at(-1)!.text, `${name.split(/\s+/)[0]}：\n您好，请提供充值的交易哈希（TxID），我来帮您查询。`);
    const note = await t.http.inject({ method: 'POST', url: `/api/v1/tickets/${chat.id}/messages`, headers: agent.headers, payload: { body: 'internal: check the TRC20 wallet', visibility: 'internal' } });
    assert.equal(note.statusCode, 201);
    const count = sentTo(user).length;
    for (let i = 0; i < 3; i++) await t.ctx.relay.drain();
    assert.equal(sentTo(user).length, count, 'internal notes never leave the desk');
  });

  it('an agent typing in the console shows "typing…" in the Telegram chat, at most once per 4 s', async () => {
    const user = userOf(fixtures.handoverButtonZh);
    const chat = (await conversationOf(user))!;
    const baseUrl = await t.http.listen({ port: 0, host: '127.0.0.1' });
    const agentSocket = await FrameClient.connect(wsUrlOf(baseUrl), { headers: assigned.headers });
    try {
      // Each request is answered after the typing event was handled, so the count below is final.
      for (let i = 0; i < 3; i++) await agentSocket.request({ type: 'typing', chatId: chat.id, typing: true });
      await agentSocket.request({ type: 'typing', chatId: chat.id, typing: false });
    } finally {
      agentSocket.close();
    }
    assert.deepEqual(tg.actions.filter((a) => a.chatId === user), [{ chatId: user, action: 'typing' }]);
  });

  it('with nobody available, /agent leaves a message whose ticket number the customer is told', async () => {
    const user = userOf(fixtures.withdrawalEn);
    await deliver(fixtures.withdrawalEn);
    await deliver(fixtures.agentCommandEn);
    const chat = (await conversationOf(user))!;
    if (chat.state === 'left_message') assert.ok(sentTo(user).some((m) => m.text?.includes(chat.number)), JSON.stringify(sentTo(user)));
    else assert.ok(['queued', 'assigned'].includes(chat.state), chat.state);
    assert.equal(chat.locale, 'en');
  });

  it('stickers get an explanation, group and channel posts are ignored, a refused file is named back', async () => {
    await deliver(fixtures.stickerEn);
    assert.match(sentTo(userOf(fixtures.stickerEn)).at(-1)!.text!, /I can read text, photos and documents/);
    const tickets = async () => Number((await t.ctx.db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await tickets();
    await deliver(fixtures.groupMessage);
    await deliver(fixtures.channelPost);
    assert.equal(await tickets(), before);

    tg.addFile('BQACAgUAAxkBAAIBFWdT_zip', Buffer.from('PK\u0003\u0004 not a document we accept'), 'documents/file_9.zip');
    const user = userOf(fixtures.documentKo);
    await deliver(fixtures.documentKo);
    assert.ok(sentTo(user).some((m) => m.text?.includes('wallet-backup.zip')));
    const chat = (await conversationOf(user))!;
    const said = (await messagesOf(chat.id)).filter((m) => m.author_type === 'customer');
    assert.deepEqual(said.map((m) => m.body), ['출금 내역 파일입니다']);
    await deliver(fixtures.editedKo);
    assert.equal((await messagesOf(chat.id)).filter((m) => m.author_type === 'customer').at(-1)!.body, '(수정됨) 출금이 24시간째 대기 중이에요');
  });

  it('a user who blocked the bot is recorded on the ticket, not retried; rate limits are retried later', async () => {
    const user = userOf(fixtures.documentKo);
    const chat = (await conversationOf(user))!;
    const { headers } = await agentWithToken(t.ctx, 'supervisor');
    tg.failNext('sendMessage', { code: 429, description: 'Too Many Requests: retry after 3', retryAfter: 3 });
    const first = await t.http.inject({ method: 'POST', url: `/api/v1/tickets/${chat.id}/messages`, headers, payload: { body: '확인해 보겠습니다.' } });
    assert.equal(first.statusCode, 201, first.body);
    await t.ctx.relay.drain();
    const pending = await t.ctx.db.selectFrom('jobs').selectAll().where('name', '=', DELIVER_REPLY_JOB).where('state', '=', 'pending').execute();
    assert.equal(pending.length, 1);
    assert.match(pending[0]!.last_error!, /429|Too Many Requests/);
    await t.ctx.db.updateTable('jobs').set({ run_at: new Date().toISOString() }).where('id', '=', pending[0]!.id).execute();
    await t.ctx.relay.drain();
    assert.match(sentTo(user).at(-1)!.text!, /확인해 보겠습니다/);

    tg.blocked.add(user);
    const second = await t.http.inject({ method: 'POST', url: `/api/v1/tickets/${chat.id}/messages`, headers, payload: { body: '출금이 완료되었습니다.' } });
    assert.equal(second.statusCode, 201);
    await t.ctx.relay.drain();
    const failedJobs = await t.ctx.db.selectFrom('jobs').select('id').where('name', '=', DELIVER_REPLY_JOB).where('state', '!=', 'done').execute();
    assert.equal(failedJobs.length, 0);
    const events = await t.ctx.db.selectFrom('ticket_events').select(['type', 'data']).where('ticket_id', '=', chat.id).where('type', '=', 'delivery_failed').execute();
    assert.equal(events.length, 1);
    assert.match(events[0]!.data, /blocked/);
  });
});

describe('Telegram long polling', () => {
  it('takes updates from getUpdates and confirms them only after keeping them', async () => {
    const tg = await startTelegramLoopback();
    const t = await createTestApp({ TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_MODE: 'polling', TELEGRAM_API_ROOT: tg.apiRoot });
    try {
      tg.queueUpdate(fixtures.stickerEn);
      tg.queueUpdate(fixtures.withdrawalEn);
      const user = userOf(fixtures.withdrawalEn);
      for (let i = 0; i < 200; i++) {
        await t.ctx.relay.drain();
        const found = await t.ctx.db.selectFrom('channel_identities').select('customer_id').where('external_id', '=', String(user)).executeTakeFirst();
        const ticket = found && (await t.ctx.db.selectFrom('tickets').select('id').where('customer_id', '=', found.customer_id).executeTakeFirst());
        if (ticket) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const tickets = await t.ctx.db.selectFrom('tickets').select(['channel', 'subject']).execute();
      assert.deepEqual(tickets.map((x) => [x.channel, x.subject]), [['telegram', 'I need to talk to a person about my account being hacked']]);
      assert.ok(tg.calls.includes('deleteWebhook'));
      assert.ok(tg.calls.filter((c) => c === 'getUpdates').length >= 2, 'the next poll confirms what was kept');
    } finally {
      await t.close();
      await tg.close();
    }
  });

  it('webhook mode needs its secret', () => {
    assert.throws(() => loadConfig({ TELEGRAM_BOT_TOKEN: '7000000001:AAFloopbackTokenForLedgerDeskTests', TELEGRAM_MODE: 'webhook' }), /TELEGRAM_WEBHOOK_SECRET/);
    assert.throws(() => loadConfig({ TELEGRAM_BOT_TOKEN: 'not-a-token' }), /TELEGRAM_BOT_TOKEN/);
  });
});
