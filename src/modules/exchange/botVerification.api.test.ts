import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { agentWithToken } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { botOf } from '../bot/index.js';
import { answerTo, botStateOf, handovers, openChat, settle, type TestChat } from '../bot/testKit.js';
import { clientId } from '../channels/chat/chatTesting.js';
import { chatMessageSender } from '../channels/chat/commands/chatMessageSender.js';
import { newCustomerSide } from '../channels/chat/principal.js';
import { systemOrigin } from '../identity/audit.js';
import { createTicket } from '../tickets/testKit.js';
import { exchangeOf } from './runtime.js';
import { demoCases } from './simulator/demoAccounts.js';

/**
 * The bot's own verification step before an emergency freeze, for a customer with a UID the
 * exchange has not vouched for in this conversation: a code to the bound email, typed in the
 * chat (through the chat's real write path, which seals it), checked with limited attempts.
 */
describe('account security in the bot and the side panel: verification code step, staff-only diagnosis', () => {
  let t: TestApp;
  let agentHeaders: Record<string, string>;

  before(async () => {
    t = await createTestApp();
    agentHeaders = (await agentWithToken(t.ctx, 'supervisor')).headers;
  });
  after(() => t.close());

  /** The customer types in the widget as a guest of this chat (no signed identity). */
  const typed = async (chat: TestChat, body: string) => {
    const principal = { ...newCustomerSide(), helloDone: true, grants: new Set([chat.ticketId]) };
    const sent = await chatMessageSender({ ctx: t.ctx, principal, chatId: chat.ticketId, clientId: clientId(), body, origin: systemOrigin });
    await settle(t);
    return sent.messageId;
  };
  const sentCodes = () => exchangeOf(t.ctx).simulator!.mailbox;
  const statusAt = async (uid: string) => (await exchangeOf(t.ctx).client.account(uid))!.status;
  const audits = async (ticketId: string) => (await t.ctx.db.selectFrom('audit_log').select(['action', 'actor_type', 'details']).where('target_id', '=', ticketId).orderBy('at').orderBy('id').execute());
  const wrongCode = (right: string) => (right === '000000' ? '111111' : '000000');

  it('sends a code to the bound email, refuses a wrong one, accepts the right one and only then offers the freeze; the code is never stored or shown', async () => {
    const chat = await openChat(t, 'my account was hacked, please help', { externalId: '64780251', verified: false });
    const asked = await answerTo(t, chat);
    assert.match(asked.at(-1)!.body, /sent a 6-digit verification code to the email address bound to your account \(ji\*\*\*\*im@example\.co\.kr\)/);
    const code = sentCodes().at(-1)!;
    assert.deepEqual([code.uid, code.channel], ['64780251', 'email']);
    assert.equal(await statusAt('64780251'), 'active');

    const wrong = await typed(chat, wrongCode(code.code));
    assert.match((await answerTo(t, chat, wrong)).at(-1)!.body, /That code is not right \(4 tries left\)/);
    const right = await typed(chat, `my code is ${code.code.slice(0, 3)} ${code.code.slice(3)}`);
    assert.match((await answerTo(t, chat, right)).at(-1)!.body, /Freeze your account now\?/);
    // Proven by the code, the customer's own transactions are theirs to look up in this chat.
    const lookup = await botOf(t.ctx).actions.run('exchange.depositByTxHash', { params: { txHash: 'DP64780251001' }, fields: {}, locale: 'en', ticketId: chat.ticketId, customerId: chat.customerId });
    assert.ok(!('failed' in lookup) && lookup.outcome === 'memo_missing', JSON.stringify(lookup));
    const yes = await typed(chat, 'Yes, freeze it now');
    assert.match((await answerTo(t, chat, yes)).map((r) => r.body).join('\n'), /Your account is now frozen/);
    assert.equal(await statusAt('64780251'), 'frozen');
    assert.deepEqual((await handovers(t, chat.ticketId)).map((h) => h.category), ['security']);

    // Stored redacted, the sealed original gone once checked, and nowhere else: messages, bot
    // state, outbox events (sockets, webhooks, the bot read those), the timeline, agents' API.
    const customerBodies = await t.ctx.db.selectFrom('messages').select(['id', 'body', 'meta']).where('ticket_id', '=', chat.ticketId).where('author_type', '=', 'customer').orderBy('id').execute();
    const answers = customerBodies.filter((m) => m.id === wrong || m.id === right);
    assert.deepEqual(answers.map((m) => [m.body, JSON.parse(m.meta!).redacted]), [['[redacted:one_time_code]', ['one_time_code']], ['[redacted:one_time_code]', ['one_time_code']]]);
    assert.equal((await t.ctx.db.selectFrom('sealed_answers').select('message_id').execute()).length, 0);
    assert.ok(!JSON.stringify(await botStateOf(t, chat.ticketId)).includes(code.code));
    const outbox = (await t.ctx.db.selectFrom('outbox').select(['topic', 'payload']).execute());
    assert.ok(!outbox.some((e) => e.payload.includes(code.code)), 'no event carries the code');
    assert.ok(!outbox.some((e) => e.topic === 'security.secret_redacted' && e.payload.includes(chat.ticketId)), 'the code the bot asked for is no leak to warn about');
    const timeline = await t.http.inject({ url: `/api/v1/tickets/${chat.ticketId}/messages`, headers: agentHeaders });
    assert.equal(timeline.statusCode, 200, timeline.body);
    assert.ok(!timeline.body.includes(code.code) && timeline.body.includes('[redacted:one_time_code]'));
    const trail = await audits(chat.ticketId);
    assert.deepEqual(trail.filter((a) => a.action.startsWith('exchange.')).map((a) => [a.action, a.actor_type]), [
      ['exchange.verification_sent', 'customer'], ['exchange.verification_failed', 'customer'], ['exchange.customer_verified', 'customer'], ['exchange.account_frozen', 'customer'],
    ]);
    assert.ok(!JSON.stringify(trail).includes(code.code));
  });

  it('five wrong codes lock the step: no freeze, self-freeze guidance, checklist and an urgent hand-over (in Korean)', async () => {
    const chat = await openChat(t, '계정이 해킹당했어요', { locale: 'ko', externalId: '70012964', verified: false });
    assert.match((await answerTo(t, chat)).at(-1)!.body, /6자리 인증번호를 보냈어요/);
    const right = sentCodes().at(-1)!.code;
    let last = '';
    for (let i = 0; i < 5; i++) last = await typed(chat, wrongCode(right));
    const text = (await answerTo(t, chat, last)).map((r) => r.body).join('\n');
    assert.match(text, /본인 확인을 하지 못해/);
    assert.match(text, /프로필 → 보안 → 계정 동결/);
    assert.match(text, /로그인 기록 캡처/);
    assert.equal(await statusAt('70012964'), 'active');
    const ticket = await t.ctx.db.selectFrom('tickets').select(['priority', 'category']).where('id', '=', chat.ticketId).executeTakeFirstOrThrow();
    assert.deepEqual([ticket.priority, ticket.category], ['urgent', 'security']);
    const state = await t.ctx.db.selectFrom('exchange_verifications').select(['state', 'attempts']).where('ticket_id', '=', chat.ticketId).executeTakeFirstOrThrow();
    assert.deepEqual([state.state, state.attempts], ['locked', 5]);
  });

  it('an answer that is not a code is asked again and is not sealed away as one once the step is over', async () => {
    const chat = await openChat(t, 'someone stole my coins', { externalId: '58213907', verified: false });
    assert.match((await answerTo(t, chat)).at(-1)!.body, /6-digit verification code/);
    const lookup = await botOf(t.ctx).actions.run('exchange.depositByTxHash', { params: { txHash: 'DP58213907002' }, fields: {}, locale: 'en', ticketId: chat.ticketId, customerId: chat.customerId });
    assert.ok(!('failed' in lookup) && lookup.outcome === 'no_account', 'nothing of the account is looked up before the code is checked');
    const odd = await typed(chat, 'I did not get any email');
    assert.match((await answerTo(t, chat, odd)).at(-1)!.body, /Please type just the 6 digits/);
    const stored = await t.ctx.db.selectFrom('messages').select('body').where('id', '=', odd).executeTakeFirstOrThrow();
    assert.equal(stored.body, '[redacted:one_time_code]', 'whatever answers the code question is treated as the code');
    assert.equal((await t.ctx.db.selectFrom('exchange_verifications').select('attempts').where('ticket_id', '=', chat.ticketId).executeTakeFirstOrThrow()).attempts, 0);
  });

  it('the side panel shows staff the risk rule and note behind a hold; the customer-facing text and the bot never do', async () => {
    const { uid, id } = demoCases['withdrawal.risk_review'];
    const ticket = await createTicket(t, agentHeaders, { customer: { externalId: uid } });
    const res = await t.http.inject({ url: `/api/v1/tickets/${ticket.id}/exchange`, headers: agentHeaders });
    assert.equal(res.statusCode, 200, res.body);
    const held = (res.json().transactions as { id: string; diagnosis: { customerText: string; staff: Record<string, unknown> } }[]).find((x) => x.id === id)!;
    assert.deepEqual(held.diagnosis.staff, {
      reasonCodes: ['RISK_REVIEW'], riskRuleId: 'WD-NEWADDR-24H', riskNote: 'First withdrawal to this address within 24 h of a password change; amount above 80% of balance.',
    });
    assert.ok(!/WD-NEWADDR|password change/.test(held.diagnosis.customerText));
    // The same customer in a chat, signed in through the widget (an identity the exchange vouched for).
    await t.ctx.db.updateTable('customers').set({ verified: 1 }).where('id', '=', ticket.customer.id).execute();
    const looked = await botOf(t.ctx).actions.run('exchange.withdrawalByTxHash', { params: { withdrawalId: id }, fields: {}, locale: 'en', ticketId: ticket.id, customerId: ticket.customer.id });
    assert.ok(!('failed' in looked));
    assert.equal(looked.outcome, 'risk_review');
    assert.ok(!/WD-NEWADDR|password change/.test(JSON.stringify(looked.fields)), 'what the bot may say carries no staff detail');
  });
});
