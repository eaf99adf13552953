import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import nodemailer from 'nodemailer';
import { agentWithToken, createApiToken, createAgent } from '../../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { chatStarter } from '../chat/commands/chatStarter.js';
import { newCustomerSide } from '../chat/principal.js';
import { dkimVerifies, freePort, startMailSink, type MailSink } from './emailTesting.js';

const FROM = 'LedgerX Support <support@ledgerx.example>';
const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5e5b1e30000000049454e44ae426082', 'hex');

/** A multipart/form-data body as a browser sends it. */
function formData(fields: Record<string, string>, file: { name: string; data: Buffer; type: string }) {
  const boundary = '----ledgerdesk-test-boundary';
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.data, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('email out: replies, acknowledgements and guest links through SMTP', () => {
  let t: TestApp;
  let sink: MailSink;
  let listenPort: number;
  let agent: Record<string, string>;
  let admin: Record<string, string>;
  let dkimPublicKey: KeyObject;

  before(async () => {
    [sink, listenPort] = await Promise.all([startMailSink(), freePort()]);
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    dkimPublicKey = publicKey;
    t = await createTestApp({
      EMAIL_FROM: FROM,
      SMTP_URL: sink.url,
      SMTP_LISTEN_PORT: String(listenPort),
      EMAIL_MAX_BYTES: '65536',
      DKIM_DOMAIN: 'ledgerx.example',
      DKIM_SELECTOR: 'mail2025',
      DKIM_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().replace(/\n/g, '\\n'),
    });
    agent = (await agentWithToken(t.ctx, 'supervisor')).headers;
    admin = (await agentWithToken(t.ctx, 'admin')).headers;
  });
  after(async () => {
    await t?.close();
    await sink?.close();
  });

  const forward = (raw: string) =>
    nodemailer.createTransport({ host: '127.0.0.1', port: listenPort, secure: false, ignoreTLS: true }).sendMail({ envelope: { from: 'mx@ledgerx.example', to: ['support@ledgerx.example'] }, raw });
  const ticketBy = (messageIdHeader: string) =>
    t.ctx.db.selectFrom('email_messages').innerJoin('tickets', 'tickets.id', 'email_messages.ticket_id').select(['tickets.id', 'tickets.number']).where('message_id_header', '=', messageIdHeader).executeTakeFirstOrThrow();
  const reply = (ticketId: string, body: string, visibility = 'public') =>
    t.http.inject({ method: 'POST', url: `/api/v1/tickets/${ticketId}/messages`, headers: agent, payload: { body, visibility } });
  const sentTo = (address: string) => sink.received.filter((m) => m.envelope.to.includes(address));

  it("sends an agent's reply in the ticket's language with the thread headers, CCs, attachments and a DKIM signature", async () => {
    await forward(
      'From: =?UTF-8?B?546L6Iqz?= <wang.fang@example.cn>\r\nTo: support@ledgerx.example\r\nCc: wang.assistant@example.cn\r\nSubject: =?UTF-8?B?5YWF5YC85pyq5Yiw6LSm?=\r\nMessage-ID: <first.cn.1@example.cn>\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n我昨天充值了 3 ETH（ERC20），区块浏览器显示已确认，但账户余额没有变化。\r\n',
    );
    const ticket = await ticketBy('first.cn.1@example.cn');
    await t.ctx.relay.drain();
    const [ack] = sentTo('wang.fang@example.cn');
    assert.equal(ack!.parsed.subject, `[${ticket.number}] 我们已收到您的请求：充值未到账`);

    const form = formData({ body: '您好，我们已核实该笔充值，系统将在 10 分钟内为您入账。附上入账记录截图。' }, { name: 'credited.png', data: png, type: 'image/png' });
    const sent = await t.http.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/messages`, headers: { ...agent, ...form.headers }, payload: form.payload });
    assert.equal(sent.statusCode, 201, sent.body);
    assert.equal((await reply(ticket.id, '内部备注：已联系链上团队核实', 'internal')).statusCode, 201);
    await t.ctx.relay.drain();

    const mails = sentTo('wang.fang@example.cn');
    assert.equal(mails.length, 2, 'the acknowledgement and the public reply; never the internal note');
    const mail = mails[1]!;
    assert.equal(mail.parsed.subject, `[${ticket.number}] 回复：充值未到账`);
    assert.equal(mail.parsed.inReplyTo, '<first.cn.1@example.cn>');
    assert.deepEqual(mail.parsed.references, ['<first.cn.1@example.cn>', ack!.parsed.messageId]);
    assert.deepEqual(mail.envelope.to.sort(), ['wang.assistant@example.cn', 'wang.fang@example.cn']);
    assert.match(mail.parsed.text!, /^您好，我们已核实该笔充值/);
    assert.match(mail.parsed.text!, /绝不会向您索要登录密码/);
    assert.equal(mail.parsed.attachments[0]!.filename, 'credited.png');
    assert.ok(mail.parsed.attachments[0]!.content.equals(png));
    assert.match(mail.raw.toString('latin1'), /DKIM-Signature: v=1; a=rsa-sha256; c=relaxed\/relaxed; d=ledgerx\.example;\s+q=dns\/txt; s=mail2025;/);
    assert.ok(dkimVerifies(mail.raw, dkimPublicKey), 'the DKIM signature verifies with the published key');
    assert.ok(!dkimVerifies(mail.raw, generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey), 'not with another key');
    const tampered = Buffer.from(mail.raw.toString('latin1').replace(/^To: .*$/m, 'To: attacker@evil.example'), 'latin1');
    assert.ok(!dkimVerifies(tampered, dkimPublicKey), 'nor once a signed header changed');
    assert.equal(mail.parsed.headers.get('auto-submitted'), undefined, 'a person wrote it');

    const recorded = await t.http.inject({ method: 'GET', url: `/api/v1/tickets/${ticket.number}/emails`, headers: agent });
    const items = (recorded.json() as { items: { direction: string; kind: string; state: string; messageIdHeader: string; fullText: string | null }[] }).items;
    assert.deepEqual(items.map((i) => [i.direction, i.kind, i.state]), [['inbound', 'customer', 'stored'], ['outbound', 'acknowledgement', 'sent'], ['outbound', 'reply', 'sent']]);
    assert.equal(`<${items[2]!.messageIdHeader}>`, mail.parsed.messageId);
    assert.match(items[0]!.fullText!, /^我昨天充值了 3 ETH/);

    // The customer's answer to our reply threads by our Message-ID.
    await forward(`From: wang.fang@example.cn\r\nTo: support@ledgerx.example\r\nSubject: Re: ${mail.parsed.subject}\r\nMessage-ID: <first.cn.2@example.cn>\r\nIn-Reply-To: ${mail.parsed.messageId}\r\n\r\nReceived, thank you.\r\n`);
    assert.equal((await ticketBy('first.cn.2@example.cn')).id, ticket.id);

    const reader = await createAgent(t.ctx);
    const noScope = await createApiToken(t.ctx, reader.id, ['helpcenter:read']);
    assert.equal((await t.http.inject({ method: 'GET', url: `/api/v1/tickets/${ticket.id}/emails`, headers: noScope })).statusCode, 403);
    assert.equal((await t.http.inject({ method: 'GET', url: `/api/v1/tickets/${ticket.id}/emails` })).statusCode, 401);
  });

  it('retries a refused send with backoff, ends in a visible failed state, and sends once an admin retries', async () => {
    await forward('From: Oliver Grant <oliver.grant@example.co.uk>\r\nTo: support@ledgerx.example\r\nSubject: API key permissions\r\nMessage-ID: <api.key.1@example.co.uk>\r\n\r\nWhich permissions does a read-only API key need for portfolio trackers?\r\n');
    const ticket = await ticketBy('api.key.1@example.co.uk');
    await t.ctx.relay.drain();
    sink.failWith(451);
    assert.equal((await reply(ticket.id, 'A read-only key needs only the "Read" permission; leave trading and withdrawals off.')).statusCode, 201);
    await t.ctx.relay.drain();
    const row = () => t.ctx.db.selectFrom('email_messages').select(['id', 'state', 'attempts', 'error']).where('ticket_id', '=', ticket.id).where('kind', '=', 'reply').executeTakeFirstOrThrow();
    const first = await row();
    assert.equal(first.state, 'queued');
    assert.equal(first.attempts, 1);
    assert.match(first.error!, /451/);
    const job = await t.ctx.db.selectFrom('jobs').select(['id', 'state', 'run_at', 'max_attempts']).where('name', '=', 'email.send').where('key', '=', first.id).executeTakeFirstOrThrow();
    assert.equal(job.state, 'pending');
    assert.ok(job.run_at > new Date().toISOString(), 'retried later, not at once');

    // Fast-forward to the last attempt.
    await t.ctx.db.updateTable('jobs').set({ run_at: new Date(0).toISOString(), attempts: job.max_attempts - 1 }).where('id', '=', job.id).execute();
    await t.ctx.relay.drain();
    assert.equal((await row()).state, 'failed');
    const note = await t.ctx.db.selectFrom('messages').select('body').where('ticket_id', '=', ticket.id).where('visibility', '=', 'internal').executeTakeFirstOrThrow();
    assert.match(note.body, /^Our email to oliver\.grant@example\.co\.uk could not be sent after 10 attempts: .*451/);
    const failedJobs = await t.http.inject({ method: 'GET', url: '/api/v1/jobs?state=failed&name=email.send', headers: admin });
    assert.deepEqual((failedJobs.json() as { items: { id: string }[] }).items.map((j) => j.id), [job.id]);

    sink.failWith(null);
    assert.equal((await t.http.inject({ method: 'POST', url: `/api/v1/jobs/${job.id}/retry`, headers: admin })).statusCode, 200);
    await t.ctx.relay.drain();
    assert.equal((await row()).state, 'sent');
    assert.equal(sentTo('oliver.grant@example.co.uk').filter((m) => /read-only key/.test(m.parsed.text!)).length, 1);
    // The reply's delivery shows on the timeline: failed after the attempts, then sent.
    const delivery = await t.ctx.db.selectFrom('ticket_events').select(['type', 'data']).where('ticket_id', '=', ticket.id).where('type', 'in', ['email_sent', 'email_failed']).orderBy('id').execute();
    const replies = delivery.filter((e) => (JSON.parse(e.data) as { kind: string }).kind === 'reply').map((e) => e.type);
    assert.deepEqual(replies, ['email_failed', 'email_sent']);
  });

  it('refuses oversized forwarded mail with 552 but lists it for admins; a reply to a closed ticket opens a follow-up', async () => {
    const big = `From: Whale Desk <otc@example.com>\r\nTo: support@ledgerx.example\r\nSubject: OTC settlement statements\r\nMessage-ID: <big.1@example.com>\r\n\r\n${'settlement 2025-11 BTC/USDT 125.5 @ 61250.00\r\n'.repeat(2000)}`;
    await assert.rejects(forward(big), (err: Error & { responseCode?: number }) => err.responseCode === 552);
    const failed = await t.http.inject({ method: 'GET', url: '/api/v1/email/messages?direction=inbound&state=failed', headers: admin });
    const [row] = (failed.json() as { items: { from: string; subject: string; error: string; hasRaw: boolean }[] }).items;
    assert.deepEqual([row!.from, row!.subject, row!.hasRaw], ['Whale Desk <otc@example.com>', 'OTC settlement statements', true]);
    assert.match(row!.error, /larger than EMAIL_MAX_BYTES; refused with 552/);

    const old = await ticketBy('api.key.1@example.co.uk');
    await t.ctx.db.updateTable('tickets').set({ status: 'closed', closed_at: new Date().toISOString() }).where('id', '=', old.id).execute();
    await forward(`From: oliver.grant@example.co.uk\r\nTo: support@ledgerx.example\r\nSubject: Re: [${old.number}] API key permissions\r\nMessage-ID: <api.key.2@example.co.uk>\r\n\r\nOne more question: can the key be limited to my IP address?\r\n`);
    const follow = await ticketBy('api.key.2@example.co.uk');
    assert.notEqual(follow.id, old.id);
    const note = await t.ctx.db.selectFrom('messages').select('body').where('ticket_id', '=', follow.id).where('visibility', '=', 'internal').executeTakeFirstOrThrow();
    assert.equal(note.body, `The customer wrote by email about closed ticket ${old.number}; this ticket continues it.`);
    assert.deepEqual(await t.ctx.db.selectFrom('ticket_tags').select('tag').where('ticket_id', '=', follow.id).execute(), [], 'a participant: not marked unverified');
  });

  it("mails the transcript of an ended chat in the customer's language, without internal notes", async () => {
    assert.equal((await t.http.inject({ method: 'PATCH', url: '/api/v1/bot/settings', headers: admin, payload: { enabled: false } })).statusCode, 200);
    const started = await chatStarter({
      ctx: t.ctx, side: newCustomerSide(), origin: { ip: null, userAgent: null },
      input: { topic: 'deposit', locale: 'zh-CN', email: 'chen.jie@example.cn', name: '陈杰', body: '我的 USDT 充值还没到账', clientId: 'transcript-1' },
    });
    const ticket = await t.ctx.db.selectFrom('tickets').select(['id', 'number']).where('id', '=', started.chatId).executeTakeFirstOrThrow();
    assert.equal((await reply(ticket.id, '您好，已为您查询，该笔充值需要 12 个区块确认，目前为 9 个。')).statusCode, 201);
    assert.equal((await reply(ticket.id, '客户情绪较急，稍后回访', 'internal')).statusCode, 201);
    const ended = await t.http.inject({ method: 'POST', url: `/api/v1/chats/${ticket.id}/end`, headers: agent, payload: { solve: false } });
    assert.equal(ended.statusCode, 200, ended.body);
    await t.ctx.relay.drain();
    const [mail] = sentTo('chen.jie@example.cn');
    assert.equal(mail!.parsed.subject, `[${ticket.number}] 您的在线咨询记录：我的 USDT 充值还没到账`);
    const text = mail!.parsed.text!;
    assert.match(text, /^陈杰，您好：/);
    assert.match(text, /\] 您: 我的 USDT 充值还没到账\n\[[^\]]+ UTC\] Test Agent: 您好，已为您查询/);
    assert.ok(!text.includes('稍后回访'), 'internal notes stay internal');
    assert.equal(sentTo('chen.jie@example.cn').length, 1, 'no acknowledgement for a chat');
  });

  it('emails a guest their ticket link when they open a ticket on the web', async () => {
    const created = await t.http.inject({
      method: 'POST', url: '/api/v1/tickets', headers: agent,
      payload: { subject: '계정이 잠겼어요', body: '비밀번호를 여러 번 틀려서 계정이 잠겼습니다. 해제 방법을 알려 주세요.', category: 'account', channel: 'web', locale: 'ko', customer: { email: 'minseo.han@example.kr' } },
    });
    assert.equal(created.statusCode, 201, created.body);
    await t.ctx.relay.drain();
    const [mail] = sentTo('minseo.han@example.kr');
    assert.match(mail!.parsed.subject!, /문의가 접수되었습니다: 계정이 잠겼어요$/);
    const link = /http:\/\/localhost:\d+(\/t\/[\w.-]+)/.exec(mail!.parsed.text!)![1]!;
    const opened = await t.http.inject({ method: 'GET', url: link });
    assert.ok([200, 302, 303].includes(opened.statusCode), `${opened.statusCode}`);
    assert.ok(String(opened.headers['set-cookie']).includes('ld_guest='));
  });
});
