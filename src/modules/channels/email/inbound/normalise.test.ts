import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../../../config.js';
import { isOurMessageId, messageIdsIn, newMessageId } from '../messageIds.js';
import { emailSettings } from '../settings.js';
import { baseSubject, renderEmail } from '../outbound/templates.js';
import { senderAuthenticated } from './normalise.js';
import { trimQuotedHistory } from './quotes.js';

describe('email text rules (no server needed)', () => {
  it('trims quoted history as English, Chinese and Korean mail programs write it, keeping a message that is only a quote', () => {
    const cases: [string, string][] = [
      ['Still missing.\n\nOn Tue, 11 Nov 2025 at 17:20, LedgerX Support <support@ledgerx.example>\nwrote:\n> Thank you', 'Still missing.'],
      ['还没有到账。\n\n在 2025年11月11日 17:20，LedgerX 客服 <support@ledgerx.example> 写道：\n> 感谢您联系我们', '还没有到账。'],
      ['아직 입금되지 않았습니다.\n\n2025년 11월 11일 (화) 오후 5:20, LedgerX 고객센터 <support@ledgerx.example>님이 작성:\n> 문의해 주셔서 감사합니다', '아직 입금되지 않았습니다.'],
      ['See attached.\n\n-----Original Message-----\nFrom: LedgerX Support\nSent: Tuesday\n> old', 'See attached.'],
      ['附件是截图。\n\n发件人: LedgerX 客服 <support@ledgerx.example>\n发送时间: 2025年11月11日 17:20\n收件人: me', '附件是截图。'],
      ['Thanks\n\n> quoted line\n> another\n', 'Thanks'],
      ['> only a quote\n> nothing new', '> only a quote\n> nothing new'],
      ['From: my wallet I sent 2 BTC\nTo: my account on LedgerX', 'From: my wallet I sent 2 BTC\nTo: my account on LedgerX'],
    ];
    for (const [text, kept] of cases) assert.equal(trimQuotedHistory(text), kept, text.split('\n')[0]);
  });

  it("trusts only the topmost Authentication-Results of our own server, and only for the From domain", () => {
    const pass = 'mx.ledgerx.example; dkim=pass header.d=example.net; spf=pass smtp.mailfrom=bounce@example.net; dmarc=pass header.from=example.net';
    assert.equal(senderAuthenticated([pass], 'mx.ledgerx.example', 'wei@example.net'), true);
    assert.equal(senderAuthenticated([pass], 'mx.ledgerx.example', 'wei@mail.example.net'), true, 'subdomain aligned');
    assert.equal(senderAuthenticated([pass], 'mx.ledgerx.example', 'wei@example.org'), false, 'another domain');
    assert.equal(senderAuthenticated([pass.replace('mx.ledgerx.example', 'mx.evil.example')], 'mx.ledgerx.example', 'wei@example.net'), false, 'not our server');
    const fail = 'mx.ledgerx.example; spf=fail smtp.mailfrom=evil.example; dkim=none; dmarc=fail header.from=example.net';
    assert.equal(senderAuthenticated([fail, pass], 'mx.ledgerx.example', 'wei@example.net'), false, 'a pass written below ours does not count');
    assert.equal(senderAuthenticated(['mx.ledgerx.example; dkim=pass header.d=evil.example'], 'mx.ledgerx.example', 'wei@example.net'), false, 'DKIM of another domain');
    assert.equal(senderAuthenticated([], 'mx.ledgerx.example', 'wei@example.net'), false);
  });

  it('signs our Message-IDs and recognises only its own', () => {
    const secret = Buffer.from('k'.repeat(32));
    const id = newMessageId(secret, 'ledgerx.example');
    assert.match(id, /^ld\.[0-9a-f-]{36}\.[a-z0-9]{16}@ledgerx\.example$/);
    assert.equal(isOurMessageId(secret, id), true);
    assert.equal(isOurMessageId(Buffer.from('x'.repeat(32)), id), false, "another installation's key");
    const forged = id.replace(/\.([a-z0-9])([a-z0-9]{15})@/, (_w, first: string, rest: string) => `.${first === 'a' ? 'b' : 'a'}${rest}@`);
    assert.notEqual(forged, id);
    assert.equal(isOurMessageId(secret, forged), false, 'forged');
    assert.deepEqual(messageIdsIn('<a@x> <b@y>\r\n <c@z>'), ['a@x', 'b@y', 'c@z']);
  });

  it('keeps subjects short across replies and writes each language', () => {
    assert.equal(baseSubject('RE: 回复: Re: [LD-100001] USDT deposit', 'LD'), 'USDT deposit');
    assert.equal(baseSubject('회신: [LD-100001] 입금 문의', 'LD'), '입금 문의');
    const base = { kind: 'acknowledgement' as const, brand: 'LedgerX Support', number: 'LD-100001', subject: 'USDT deposit', customerName: 'Wei', link: 'https://help.ledgerx.example/t/abc' };
    const en = renderEmail({ ...base, locale: 'en' });
    assert.equal(en.subject, '[LD-100001] We have received your request: USDT deposit');
    assert.match(en.text, /^Hello Wei,\n\nThank you for contacting LedgerX Support\. Your request has been logged as ticket LD-100001/);
    assert.match(en.html, /<a href="https:\/\/help\.ledgerx\.example\/t\/abc">/);
    assert.match(renderEmail({ ...base, locale: 'ko', customerName: null }).text, /^안녕하세요\.\n\nLedgerX Support에 문의해 주셔서 감사합니다/);
    assert.match(renderEmail({ ...base, locale: 'ja' }).subject, /We have received/, 'languages we do not write fall back to English');
    const reply = renderEmail({ ...base, kind: 'reply', locale: 'zh-CN', body: '<b>您好</b>' });
    assert.equal(reply.subject, '[LD-100001] 回复：USDT deposit');
    assert.ok(reply.html.includes('&lt;b&gt;您好&lt;/b&gt;'), "the agent's text is escaped");
  });

  it('reads mailbox URLs and refuses half or unsafe email settings naming the variable', () => {
    const settings = (env: Record<string, string>) => emailSettings(loadConfig({ EMAIL_FROM: 'LedgerX Support <support@ledgerx.example>', ...env }));
    const [box] = settings({ EMAIL_IMAP_MAILBOXES: 'imaps://support%40ledgerx.example:p%3Ass@imap.ledgerx.example/Support%20Inbox' }).mailboxes;
    assert.deepEqual(box, { name: 'support@ledgerx.example@imap.ledgerx.example/Support Inbox', host: 'imap.ledgerx.example', port: 993, user: 'support@ledgerx.example', password: 'p:ss', tls: 'implicit', folder: 'Support Inbox' });
    assert.equal(settings({ EMAIL_IMAP_MAILBOXES: 'imap://u:p@imap.ledgerx.example' }).mailboxes[0]!.tls, 'starttls');
    const refused = (env: Record<string, string>, variable: RegExp) => assert.throws(() => settings(env), (err: Error & { problems?: string[] }) => variable.test(err.problems?.join(' ') ?? ''));
    refused({ EMAIL_IMAP_MAILBOXES: 'imap://u:p@imap.ledgerx.example?tls=none' }, /^EMAIL_IMAP_MAILBOXES: tls=none is only allowed for a server on this machine/);
    refused({ EMAIL_IMAP_MAILBOXES: 'pop3://u:p@mail.ledgerx.example' }, /^EMAIL_IMAP_MAILBOXES: pop3: is neither/);
    refused({ EMAIL_IMAP_MAILBOXES: 'imaps://imap.ledgerx.example' }, /needs user, password and host/);
    refused({ DKIM_DOMAIN: 'ledgerx.example' }, /^DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY: set all three or none/);
    refused({ DKIM_DOMAIN: 'ledgerx.example', DKIM_SELECTOR: 's1', DKIM_PRIVATE_KEY: 'not a key' }, /^DKIM_PRIVATE_KEY=\(hidden\): a PEM private key/);
    assert.throws(() => emailSettings(loadConfig({ SMTP_URL: 'smtp://mail.ledgerx.example:587' })), (err: Error & { problems?: string[] }) => /^EMAIL_FROM: required/.test(err.problems![0]!));
  });
});
