import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import nodemailer from 'nodemailer';
import { agentWithToken, createCustomer } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { botOf } from '../bot/index.js';
import { settle } from '../bot/testKit.js';
import { freePort, startMailSink, type MailSink } from '../channels/email/emailTesting.js';
import { systemOrigin } from '../identity/audit.js';
import { multipart, openTicketForm } from '../portal/portalTesting.js';
import { ticketCreator } from '../tickets/commands/ticketCreator.js';
import { emergencyIntake } from './freeze/emergencyIntake.js';
import { exchangeOf } from './runtime.js';

/**
 * "My account was hacked" by email and through the portal's form: recognised by the bot's model,
 * made the security team's urgent case, answered in the customer's language with the checklist —
 * and never frozen on the strength of an email address.
 */
describe('emergency intake on email and the portal form', () => {
  let t: TestApp;
  let sink: MailSink;
  let listenPort: number;
  let securityTeamId: string;

  before(async () => {
    [sink, listenPort] = await Promise.all([startMailSink(), freePort()]);
    t = await createTestApp({ EMAIL_FROM: 'LedgerX Support <support@ledgerx.example>', SMTP_URL: sink.url, SMTP_LISTEN_PORT: String(listenPort) });
    const supervisor = await agentWithToken(t.ctx, 'supervisor');
    const team = await t.http.inject({ method: 'POST', url: '/api/v1/teams', headers: supervisor.headers, payload: { name: 'Security desk', categories: ['security'] } });
    assert.equal(team.statusCode, 201, team.body);
    securityTeamId = (team.json() as { team: { id: string } }).team.id;
    await botOf(t.ctx).train();
  });
  after(async () => {
    await t?.close();
    await sink?.close();
  });

  const forward = async (raw: string) => {
    await nodemailer.createTransport({ host: '127.0.0.1', port: listenPort, secure: false, ignoreTLS: true }).sendMail({ envelope: { from: 'mx@ledgerx.example', to: ['support@ledgerx.example'] }, raw });
    await settle(t);
  };
  const ticketOfEmail = (header: string) =>
    t.ctx.db.selectFrom('email_messages').innerJoin('tickets', 'tickets.id', 'email_messages.ticket_id').selectAll('tickets').where('message_id_header', '=', header).executeTakeFirstOrThrow();
  const messagesOf = (ticketId: string) => t.ctx.db.selectFrom('messages').select(['body', 'visibility', 'author_type']).where('ticket_id', '=', ticketId).orderBy('id').execute();
  const mailsTo = (address: string) => sink.received.filter((m) => m.envelope.to.includes(address));
  const eventsOf = async (ticketId: string) => (await t.ctx.db.selectFrom('ticket_events').select('type').where('ticket_id', '=', ticketId).execute()).map((e) => e.type);

  it('a Chinese email "账户被盗" becomes urgent for the security team; the customer gets the checklist by email in Chinese; nothing is frozen', async () => {
    await forward(
      'From: =?UTF-8?B?546L6Iqz?= <wang.hacked@example.cn>\r\nTo: support@ledgerx.example\r\nSubject: =?UTF-8?B?5oiR55qE6LSm5oi36KKr55uX5LqG?=\r\nMessage-ID: <hacked.cn.1@example.cn>\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n我的账户被盗了，有一笔不是我操作的提币，请尽快处理。\r\n',
    );
    const ticket = await ticketOfEmail('hacked.cn.1@example.cn');
    assert.deepEqual([ticket.priority, ticket.category, ticket.team_id], ['urgent', 'security', securityTeamId]);
    const messages = await messagesOf(ticket.id);
    const reply = messages.find((m) => m.author_type === 'system' && m.visibility === 'public')!;
    assert.match(reply.body, new RegExp(`您的工单 ${ticket.number} 已标记为紧急`));
    assert.match(reply.body, /异常操作记录：非本人操作的提币/);
    assert.match(reply.body, /个人中心 → 安全 → 冻结账户/);
    assert.ok(!reply.body.includes('在线客服'), 'no chat freeze offered to a sender with no exchange account on file');
    assert.ok(messages.some((m) => m.visibility === 'internal' && /此消息不能证明发件人身份/.test(m.body)));
    assert.ok((await eventsOf(ticket.id)).includes('emergency_recognised'));
    const mailed = mailsTo('wang.hacked@example.cn').map((m) => m.parsed.text ?? '');
    assert.ok(mailed.some((text) => /异常操作记录/.test(text)), 'the checklist went out by email');
    assert.equal((await t.ctx.db.selectFrom('account_freezes').select('id').where('ticket_id', '=', ticket.id).execute()).length, 0);

    // A second delivery of the event changes nothing.
    assert.equal(await emergencyIntake(t.ctx, { ticketId: ticket.id, messageId: null }), false);
  });

  it('the portal form in English: urgent security case, checklist on the ticket page', async () => {
    const form = await openTicketForm(t.http);
    const body = await multipart({
      _csrf: form.csrf, category: 'account', subject: 'My account was hacked', locale: 'en', email: `victim-${Date.now()}@example.test`,
      description: 'Someone logged in from another country and withdrew all my USDT. I did not make this withdrawal.',
    });
    const res = await t.http.inject({ method: 'POST', url: '/tickets/new', cookies: form.cookies, headers: body.headers, payload: body.payload });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    await settle(t);
    const number = /\/tickets\/(LD-\d+)\//.exec(res.headers.location as string)![1]!;
    const ticket = await t.ctx.db.selectFrom('tickets').selectAll().where('number', '=', number).executeTakeFirstOrThrow();
    assert.deepEqual([ticket.channel, ticket.priority, ticket.category], ['web', 'urgent', 'security']);
    const reply = (await messagesOf(ticket.id)).find((m) => m.author_type === 'system' && m.visibility === 'public')!;
    assert.match(reply.body, /marked urgent and is now with our security team/);
    assert.match(reply.body, /screenshots of the withdrawals, trades or logins you did not make/);
  });

  it('a customer with an exchange UID is offered the freeze through the chat, where a code proves it is them (Korean); an ordinary request is left alone', async () => {
    const known = await createCustomer(t.ctx, { externalId: '60177342', verified: false, locale: 'ko' });
    const create = (subject: string, body: string) => ticketCreator({
      ctx: t.ctx, actor: { kind: 'customer', customerId: known.id, verified: false, sessionId: 'portal' }, origin: systemOrigin,
      input: { subject, body, category: 'account', channel: 'web', locale: 'ko' },
    });
    const { ticket } = await create('계정 해킹', '계정이 해킹당했어요. 제가 하지 않은 출금이 있어요.');
    await settle(t);
    const reply = (await messagesOf(ticket.id)).find((m) => m.author_type === 'system' && m.visibility === 'public')!;
    assert.match(reply.body, /실시간 채팅을 열고 "계정이 해킹당했어요"라고 입력해 주세요/);
    assert.match(reply.body, /로그인 기록 캡처/);
    assert.equal((await exchangeOf(t.ctx).client.account('60177342'))!.status, 'active');

    const { ticket: ordinary } = await create('수수료 문의', '현물 거래 수수료가 얼마인지 알려 주세요.');
    await settle(t);
    const after = await t.ctx.db.selectFrom('tickets').select(['priority', 'category']).where('id', '=', ordinary.id).executeTakeFirstOrThrow();
    assert.deepEqual([after.priority, after.category], ['normal', 'account']);
    assert.ok(!(await eventsOf(ordinary.id)).includes('emergency_recognised'));
  });
});
