import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { agentWithToken } from '../../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { dovecotMissing, fixture, freePort, startDovecot, startMailSink, type MailSink, type TestDovecot } from './emailTesting.js';
import { emailOf } from './index.js';

const skip = dovecotMissing();
const FROM = 'LedgerX Support <support@ledgerx.example>';
const AUTHSERV = 'mx.ledgerx.example';
const phrase = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const composer = nodemailer.createTransport({ streamTransport: true, buffer: true });

/** A real MIME message as a mail program writes it. */
async function mime(options: SendMailOptions): Promise<Buffer> {
  const info = (await composer.sendMail(options)) as unknown as { message: Buffer };
  return info.message;
}

describe('email in: IMAP mailbox and SMTP listener against real servers', { skip: skip ?? false }, () => {
  let t: TestApp;
  let dovecot: TestDovecot;
  let sink: MailSink;
  let listenPort: number;
  let admin: Record<string, string>;
  let agent: Record<string, string>;

  before(async () => {
    [dovecot, sink, listenPort] = await Promise.all([startDovecot(), startMailSink(), freePort()]);
    t = await createTestApp({
      EMAIL_FROM: FROM,
      EMAIL_IMAP_MAILBOXES: dovecot.mailboxUrl,
      EMAIL_POLL_SECONDS: '3600',
      SMTP_URL: sink.url,
      SMTP_LISTEN_PORT: String(listenPort),
      EMAIL_AUTHSERV_ID: AUTHSERV,
    });
    admin = (await agentWithToken(t.ctx, 'admin')).headers;
    agent = (await agentWithToken(t.ctx)).headers;
    // The poll the app started with (an empty mailbox) is over before the tests deliver anything.
    await emailOf(t.ctx)!.pollers[0]!.pollNow();
  });
  after(async () => {
    await t?.close();
    await Promise.all([dovecot?.stop(), sink?.close()]);
  });

  const poll = () => emailOf(t.ctx)!.pollers[0]!.pollNow();
  const ticketOf = (messageIdHeader: string) =>
    t.ctx.db
      .selectFrom('email_messages')
      .innerJoin('tickets', 'tickets.id', 'email_messages.ticket_id')
      .select(['tickets.id', 'tickets.number', 'tickets.subject', 'tickets.locale', 'tickets.channel', 'tickets.status', 'email_messages.html', 'email_messages.full_text', 'email_messages.sender_check', 'email_messages.message_id'])
      .where('email_messages.message_id_header', '=', messageIdHeader)
      .executeTakeFirstOrThrow();
  const bodyOf = async (messageId: string) => (await t.ctx.db.selectFrom('messages').select('body').where('id', '=', messageId).executeTakeFirstOrThrow()).body;
  const messagesOn = (ticketId: string) => t.ctx.db.selectFrom('messages').select(['body', 'author_type', 'visibility']).where('ticket_id', '=', ticketId).orderBy('id').execute();
  const tagsOf = async (ticketId: string) => (await t.ctx.db.selectFrom('ticket_tags').select('tag').where('ticket_id', '=', ticketId).execute()).map((r) => r.tag);
  /** Sends through our SMTP listener as a forwarding mail server would. */
  const forward = (raw: Buffer | string, from = 'relay@ledgerx.example') =>
    nodemailer
      .createTransport({ host: '127.0.0.1', port: listenPort, secure: false, ignoreTLS: true })
      .sendMail({ envelope: { from, to: ['support@ledgerx.example'] }, raw: typeof raw === 'string' ? Buffer.from(raw) : raw });
  const authenticated = (domain: string) => `Authentication-Results: ${AUTHSERV}; dkim=pass header.d=${domain}; spf=pass smtp.mailfrom=${domain}; dmarc=pass header.from=${domain}\r\n`;

  it('reads real MIME from the mailbox — alternatives, inline images, GB2312/GBK/EUC-KR/ISO-2022-JP, a large attachment — and marks it seen only once stored', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n%âãÏÓ\n'), Buffer.alloc(6 * 1024 * 1024, 'statement line 0x1f deposit history\n')]);
    const large = await mime({
      from: 'Lee Jiwoo <jiwoo.lee@example.kr>', to: 'support@ledgerx.example', subject: 'Source of funds documents for enhanced due diligence',
      messageId: '<large.edd.9912@example.kr>', text: 'Attached is my bank statement for the last six months, as requested for the review.',
      attachments: [{ filename: 'bank-statement-2025H2.pdf', content: pdf, contentType: 'application/pdf' }],
    });
    const secret = await mime({ from: 'ops.trader@example.com', to: 'support@ledgerx.example', subject: 'Wallet recovery', messageId: '<seed.leak.1@example.com>', text: `I restored my wallet with ${phrase} but the balance is zero.`, html: `<p>I restored my wallet with <b>${phrase}</b> but the balance is zero.</p>` });
    for (const name of ['multipart-alternative.eml', 'inline-image.eml', 'gb2312.eml', 'gbk.eml', 'euc-kr.eml', 'iso-2022-jp.eml', 'malformed.eml']) await dovecot.append(fixture(name));
    await dovecot.append(large);
    await dovecot.append(secret);

    // The database refuses the first pass: nothing may be marked seen on the server.
    await t.ctx.db.schema.alterTable('email_messages').renameTo('email_messages_off').execute();
    await assert.rejects(poll());
    assert.ok([...(await dovecot.flags()).values()].every((f) => !f.has('\\Seen')), 'unseen while not stored here');
    await t.ctx.db.schema.alterTable('email_messages_off').renameTo('email_messages').execute();

    const result = await poll();
    assert.equal(result.seen, 9);
    assert.deepEqual(result.outcomes.filter((o) => o !== 'stored'), ['failed']);
    assert.ok([...(await dovecot.flags()).values()].every((f) => f.has('\\Seen')), 'all seen once stored');

    const deposit = await ticketOf('CAF3k9x2Lq7.deposit.trc20@mail.example.net');
    assert.equal(deposit.channel, 'email');
    assert.equal(deposit.subject, 'USDT deposit via TRC20 not credited after 2 hours');
    assert.match(await bodyOf(deposit.message_id!), /1,250 USDT over TRC20/);
    for (const bad of ['<script', 'onload', 'javascript:', 'tracker.example.net', '<style']) assert.ok(!deposit.html!.includes(bad), `sanitised: ${bad}`);
    assert.match(deposit.html!, /<a href="https:\/\/tronscan.org\/[^"]*" target="_blank" rel="noopener noreferrer nofollow">Tronscan<\/a>/);

    const inline = await ticketOf('20251112102144.inline.5521@example.kr');
    const shot = await t.ctx.db.selectFrom('attachments').select(['id', 'content_type', 'filename']).where('message_id', '=', inline.message_id!).executeTakeFirstOrThrow();
    assert.deepEqual([shot.filename, shot.content_type], ['withdrawal.png', 'image/png']);
    assert.ok(inline.html!.includes(`src="/api/v1/attachments/${shot.id}"`), 'cid image points at the stored attachment');

    const charsets: [string, string, string, RegExp][] = [
      ['gb2312.withdrawal.881@example.cn', '提币审核中已超过24小时，请帮忙处理', 'zh-CN', /状态一直显示“审核中”/],
      ['gbk.transfer.204@example.cn', '合约账户资金划转失败', 'zh-CN', /镕、堃这类生僻字/],
      ['euckr.kyc.3391@example.kr', '본인인증(KYC) 서류가 계속 거절됩니다', 'ko', /여권으로 다시 제출해도/],
      ['iso2022jp.2fa.7712@example.jp', '二段階認証のリセットについて', 'ja', /認証アプリのコードが使えなくなりました/],
    ];
    for (const [id, subject, locale, body] of charsets) {
      const ticket = await ticketOf(id);
      assert.deepEqual([ticket.subject, ticket.locale], [subject, locale]);
      assert.match(await bodyOf(ticket.message_id!), body);
    }

    const edd = await ticketOf('large.edd.9912@example.kr');
    const statement = await t.ctx.db.selectFrom('attachments').select(['size', 'content_type']).where('message_id', '=', edd.message_id!).executeTakeFirstOrThrow();
    assert.deepEqual([statement.size, statement.content_type], [pdf.length, 'application/pdf']);

    // Screening: the phrase is redacted from the message, the full text, and the HTML is not kept.
    const leak = await ticketOf('seed.leak.1@example.com');
    assert.equal(await bodyOf(leak.message_id!), 'I restored my wallet with [redacted:seed_phrase] but the balance is zero.');
    assert.equal(leak.full_text, 'I restored my wallet with [redacted:seed_phrase] but the balance is zero.');
    assert.equal(leak.html, null);

    // Malformed mail is kept and shown to admins, with its source.
    const failed = await t.http.inject({ method: 'GET', url: '/api/v1/email/messages?direction=inbound&state=failed', headers: admin });
    assert.equal(failed.statusCode, 200);
    const [row] = (failed.json() as { items: { id: string; error: string; hasRaw: boolean; source: string }[] }).items;
    assert.deepEqual([row!.error, row!.hasRaw, row!.source], ['no valid From address', true, 'support@ledgerx.example@127.0.0.1/INBOX']);
    const raw = await t.http.inject({ method: 'GET', url: `/api/v1/email/messages/${row!.id}/raw`, headers: admin });
    assert.equal(raw.statusCode, 200);
    assert.match(raw.body, /^Received: from unknown \(HELO scanner\)[\s\S]*From: <<<not an address[\s\S]*not-base64/);
    assert.equal((await t.http.inject({ method: 'GET', url: '/api/v1/email/messages', headers: agent })).statusCode, 403);
    assert.equal((await t.http.inject({ method: 'GET', url: '/api/v1/email/messages' })).statusCode, 401);
    assert.equal((await t.http.inject({ method: 'GET', url: '/api/v1/email/messages?state=lost', headers: admin })).json().error.field, 'query.state');

    // The same message delivered again is one message; the acknowledgements go out in each language.
    await dovecot.append(fixture('multipart-alternative.eml'));
    assert.deepEqual((await poll()).outcomes, ['duplicate']);
    await t.ctx.relay.drain();
    const acks = sink.received.filter((m) => m.parsed.headers.get('auto-submitted') === 'auto-replied');
    assert.equal(acks.length, 8, 'one acknowledgement per ticket');
    const zh = acks.find((m) => m.envelope.to[0] === 'li.na@example.cn')!;
    const gb = await ticketOf('gb2312.withdrawal.881@example.cn');
    assert.equal(zh.parsed.subject, `[${gb.number}] 我们已收到您的请求：提币审核中已超过24小时，请帮忙处理`);
    assert.equal(zh.parsed.inReplyTo, '<gb2312.withdrawal.881@example.cn>');
    assert.match(zh.parsed.text!, /您的请求已登记为工单/);
    assert.match(zh.parsed.text!, /\/t\/[\w.-]+/);
    const ko = acks.find((m) => m.envelope.to[0] === 'seojun.park@example.kr')!;
    assert.match(ko.parsed.subject!, /문의가 접수되었습니다/);
  });

  it('keeps polling through a mailbox outage, visibly, and reads what arrived meanwhile', async () => {
    await dovecot.stopServer();
    await assert.rejects(poll());
    const status = await t.http.inject({ method: 'GET', url: '/api/v1/email/mailboxes', headers: admin });
    const [mailbox] = (status.json() as { mailboxes: { consecutiveFailures: number; lastError: string | null }[] }).mailboxes;
    assert.equal(mailbox!.consecutiveFailures, 1);
    assert.ok(mailbox!.lastError);
    await dovecot.restart();
    await dovecot.append(await mime({ from: 'maria.lopez@example.es', to: 'support@ledgerx.example', subject: 'Cannot enable withdrawals after password reset', messageId: '<outage.1@example.es>', text: 'Withdrawals have been disabled for 24 hours since I reset my password. Is that expected?' }));
    assert.deepEqual((await poll()).outcomes, ['stored']);
    assert.equal(emailOf(t.ctx)!.pollers[0]!.status.consecutiveFailures, 0);
  });

  it('goes past a message that cannot be stored, retries it, and after three tries keeps it as failed', async () => {
    // Attachments cannot be written: the message with one fails, the one without is stored.
    await t.ctx.db.schema.alterTable('attachments').renameTo('attachments_off').execute();
    try {
      const withFile = fixture('inline-image.eml').toString('latin1').replace(/^Message-ID: .*$/m, 'Message-ID: <poison.1@example.kr>');
      await dovecot.append(Buffer.from(withFile, 'latin1'));
      await dovecot.append(await mime({ from: 'noah.kim@example.kr', to: 'support@ledgerx.example', subject: 'P2P order appeal', messageId: '<after.poison@example.kr>', text: 'The seller has not released the USDT for order P2P-771203.' }));
      for (let attempt = 1; attempt < 3; attempt++) {
        await assert.rejects(poll(), /attachments/);
        const flags = [...(await dovecot.flags()).values()];
        assert.ok(!flags.at(-2)!.has('\\Seen') && flags.at(-1)!.has('\\Seen'), `attempt ${attempt}: the next message is not held up`);
      }
      assert.deepEqual((await poll()).outcomes, ['failed']);
    } finally {
      await t.ctx.db.schema.alterTable('attachments_off').renameTo('attachments').execute();
    }
    const kept = await t.ctx.db.selectFrom('email_messages').select(['state', 'error', 'raw_key']).where('message_id_header', '=', 'poison.1@example.kr').executeTakeFirstOrThrow();
    assert.equal(kept.state, 'failed');
    assert.match(kept.error!, /^could not be stored \(3 tries\)/);
    assert.ok(kept.raw_key);
    assert.ok([...(await dovecot.flags()).values()].every((f) => f.has('\\Seen')));

    // Once the cause is fixed an admin runs it through again; unreadable mail stays failed.
    const failedId = async (messageId: string) => (await t.ctx.db.selectFrom('email_messages').select('id').where('message_id_header', '=', messageId).where('state', '=', 'failed').executeTakeFirstOrThrow()).id;
    const id = await failedId('poison.1@example.kr');
    const url = `/api/v1/email/messages/${id}/reprocess`;
    assert.equal((await t.http.inject({ method: 'POST', url, headers: agent })).statusCode, 403);
    const again = await t.http.inject({ method: 'POST', url, headers: admin });
    assert.equal(again.statusCode, 200, again.body);
    const { result } = again.json() as { result: { outcome: string; ticketId: string } };
    assert.equal(result.outcome, 'stored');
    assert.equal((await ticketOf('poison.1@example.kr')).id, result.ticketId);
    assert.equal((await t.http.inject({ method: 'POST', url, headers: admin })).json().error.code, 'conflict', 'once only');
    const unreadable = (await t.ctx.db.selectFrom('email_messages').select('id').where('error', '=', 'no valid From address').executeTakeFirstOrThrow()).id;
    const still = await t.http.inject({ method: 'POST', url: `/api/v1/email/messages/${unreadable}/reprocess`, headers: admin });
    assert.deepEqual([still.statusCode, still.json().error.code, still.json().error.field], [422, 'email_unreadable', 'id']);
  });

  it('threads replies only from participants: forged From, display names, Reply-To, CC and stolen In-Reply-To open new unverified tickets', async () => {
    const victim = await ticketOf('CAF3k9x2Lq7.deposit.trc20@mail.example.net');
    const ack = sink.received.find((m) => m.envelope.to[0] === 'wei.zhang@example.net')!;
    const ackId = ack.parsed.messageId!;
    const before = (await messagesOn(victim.id)).length;

    // The real customer answers our acknowledgement, quoting it, and copies a colleague.
    await forward(
      authenticated('example.net') +
        `From: Zhang Wei <wei.zhang@example.net>\r\nTo: support@ledgerx.example\r\nCc: Finance Desk <finance@example.net>\r\nSubject: Re: [${victim.number}] We have received your request\r\nMessage-ID: <reply.1@mail.example.net>\r\nIn-Reply-To: ${ackId}\r\nReferences: ${ackId}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe deposit is still missing. Tronscan now shows 40 confirmations.\r\n\r\nOn Tue, 11 Nov 2025 at 17:20, LedgerX Support <support@ledgerx.example> wrote:\r\n> Thank you for contacting LedgerX Support.\r\n> Your request has been logged.\r\n`,
    );
    const reply = await ticketOf('reply.1@mail.example.net');
    assert.deepEqual([reply.id, reply.sender_check], [victim.id, 'participant']);
    assert.equal(await bodyOf(reply.message_id!), 'The deposit is still missing. Tronscan now shows 40 confirmations.');
    assert.match(reply.full_text!, /> Your request has been logged\./);

    // The copied colleague may write on it too (our server vouches for their domain).
    await forward(authenticated('example.net') + `From: finance@example.net\r\nTo: support@ledgerx.example\r\nSubject: ${victim.number} proof of transfer\r\nMessage-ID: <cc.1@example.net>\r\n\r\nOur treasury confirms the transfer left our hot wallet at 15:02.\r\n`);
    assert.equal((await ticketOf('cc.1@example.net')).id, victim.id);
    const joined = (await messagesOn(victim.id)).length;
    assert.equal(joined, before + 2);

    const attacks: [string, string][] = [
      // Forged From: our mail server says the domain failed DMARC; the attacker adds a "pass" below it.
      ['forged', `Authentication-Results: ${AUTHSERV}; spf=fail smtp.mailfrom=evil.example; dkim=none; dmarc=fail header.from=example.net\r\nAuthentication-Results: ${AUTHSERV}; dmarc=pass header.from=example.net\r\nFrom: Zhang Wei <wei.zhang@example.net>\r\nSubject: Re: [${victim.number}] change my withdrawal address\r\nIn-Reply-To: ${ackId}\r\n`],
      ['display', `${authenticated('evil.example')}From: "wei.zhang@example.net" <attacker@evil.example>\r\nSubject: Re: [${victim.number}] urgent\r\n`],
      ['replyto', `${authenticated('evil.example')}From: attacker@evil.example\r\nReply-To: wei.zhang@example.net\r\nSubject: Re: [${victim.number}] please update\r\n`],
      ['cc', `${authenticated('evil.example')}From: attacker@evil.example\r\nCc: wei.zhang@example.net, finance@example.net\r\nSubject: Re: deposit\r\nIn-Reply-To: <reply.1@mail.example.net>\r\n`],
      ['stolen', `${authenticated('evil.example')}From: attacker@evil.example\r\nSubject: Re: your request\r\nIn-Reply-To: ${ackId}\r\nReferences: <CAF3k9x2Lq7.deposit.trc20@mail.example.net> ${ackId}\r\n`],
      ['two-from', `${authenticated('example.net')}From: wei.zhang@example.net, attacker@evil.example\r\nSubject: Re: [${victim.number}]\r\n`],
    ];
    for (const [id, headers] of attacks) {
      await forward(`${headers}To: support@ledgerx.example\r\nMessage-ID: <attack.${id}@evil.example>\r\n\r\nPlease send the funds to 0x9f8e7d6c5b4a39281706f5e4d3c2b1a098765432 instead.\r\n`);
      const landed = await ticketOf(`attack.${id}@evil.example`);
      assert.notEqual(landed.id, victim.id, `${id} must not attach`);
      assert.equal(landed.sender_check, id === 'forged' || id === 'two-from' ? 'unauthenticated' : 'not_participant', id);
      assert.deepEqual(await tagsOf(landed.id), ['sender-unverified'], id);
      const flagged = await t.ctx.db.selectFrom('ticket_events').select('type').where('ticket_id', '=', landed.id).where('type', '=', 'sender_unverified').execute();
      assert.equal(flagged.length, 1, `${id}: on the timeline`);
      const note = (await messagesOn(landed.id)).find((m) => m.visibility === 'internal')!;
      assert.match(note.body, new RegExp(`referred to ${victim.number}`), id);
    }
    assert.equal((await messagesOn(victim.id)).length, joined, "nothing reached the customer's ticket");
    const participants = await t.ctx.db.selectFrom('email_participants').select('address').where('ticket_id', '=', victim.id).execute();
    assert.deepEqual(participants.map((p) => p.address), ['finance@example.net']);

    await t.ctx.relay.drain();
    const toAttacker = sink.received.filter((m) => m.envelope.to.includes('attacker@evil.example'));
    assert.equal(toAttacker.length, 3, 'acknowledgements go to From, never Reply-To, at most 3 an hour');
    assert.ok(!sink.received.some((m) => m.parsed.subject?.includes('please update') && m.envelope.to.includes('wei.zhang@example.net')));
  });

  it('recognises auto-replies, bounces and loops, and never answers them', async () => {
    const victim = await ticketOf('CAF3k9x2Lq7.deposit.trc20@mail.example.net');
    const ackId = sink.received.find((m) => m.envelope.to[0] === 'wei.zhang@example.net')!.parsed.messageId!.replace(/^<|>$/g, '');
    const sentBefore = sink.received.length;
    const status = (await t.ctx.db.selectFrom('tickets').select('status').where('id', '=', victim.id).executeTakeFirstOrThrow()).status;

    // As our receiving server files it: with its verdict on the sender's domain on top.
    await dovecot.append(authenticated('example.net') + fixture('auto-reply.eml').toString('utf8').replaceAll('__IN_REPLY_TO__', ackId));
    await dovecot.append(fixture('bounce-dsn.eml').toString('utf8').replaceAll('__OUR_MESSAGE_ID__', ackId).replaceAll('__RECIPIENT__', 'wei.zhang@example.net'));
    // Our own message coming back (a mailbox that keeps a copy of what we send).
    await dovecot.append(sink.received.find((m) => m.envelope.to[0] === 'wei.zhang@example.net')!.raw);
    assert.deepEqual((await poll()).outcomes, ['stored', 'stored', 'ignored']);

    const notes = (await messagesOn(victim.id)).filter((m) => m.visibility === 'internal').map((m) => m.body);
    assert.ok(notes.some((n) => /^Automatic reply from wei\.zhang@example\.net \(Auto-Submitted: auto-replied\)/.test(n)), 'auto-reply as a note');
    assert.ok(notes.some((n) => n.startsWith('Our email to wei.zhang@example.net could not be delivered: 550 5.1.1')), 'bounce as a note');
    const ours = await t.ctx.db.selectFrom('email_messages').select(['state', 'error']).where('direction', '=', 'outbound').where('message_id_header', '=', ackId).executeTakeFirstOrThrow();
    assert.equal(ours.state, 'bounced');
    const loop = await t.ctx.db.selectFrom('email_messages').select(['kind', 'state']).where('direction', '=', 'inbound').where('message_id_header', '=', ackId).executeTakeFirstOrThrow();
    assert.deepEqual(loop, { kind: 'loop', state: 'ignored' });
    assert.equal((await t.ctx.db.selectFrom('tickets').select('status').where('id', '=', victim.id).executeTakeFirstOrThrow()).status, status);
    await t.ctx.relay.drain();
    assert.equal(sink.received.length, sentBefore, 'nothing answered');
  });
});
