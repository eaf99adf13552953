import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { createAgent, createCustomer, createSession } from '../../../test/factories.js';
import { signToken } from '../../platform/crypto.js';
import { GUEST_COOKIE, GUEST_TOKEN_PURPOSE } from '../identity/http/authenticate.js';
import { ticketCreator } from '../tickets/commands/ticketCreator.js';
import { messageSender } from '../tickets/commands/messageSender.js';
import { portalAssets } from './assets.js';
import { cookiesOf, validDeposit } from './portalTesting.js';

const origin = { ip: '127.0.0.1', userAgent: 'test' };
const depositInput = {
  category: 'deposit' as const,
  subject: validDeposit.subject,
  body: validDeposit.description,
  fields: { coin: 'USDT', network: 'TRC20', amount: '150.25', txHash: validDeposit['fields.txHash'], address: validDeposit['fields.address'] },
};

describe('portal pages', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const guestTicket = async (email = `guest-${Math.random().toString(36).slice(2)}@example.test`) =>
    ticketCreator({ ctx: t.ctx, actor: null, input: { ...depositInput, customer: { email } }, origin });

  const customerWithSession = async () => {
    const customer = await createCustomer(t.ctx, { verified: true });
    const session = await createSession(t.ctx, { type: 'customer', id: customer.id });
    const actor = { kind: 'customer' as const, customerId: customer.id, verified: true, sessionId: 'x' };
    return { customer, cookies: session.cookies, actor };
  };

  it('home: both entry points, the language switcher, the security notice and the API docs link', async () => {
    const res = await t.http.inject({ url: '/' });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /^text\/html; charset=utf-8/);
    for (const needle of ['href="/tickets/new"', 'href="/tickets"', 'href="/api/docs"', '中文', 'English', '한국어', 'seed phrase']) {
      assert.ok(res.body.includes(needle), `home page shows ${needle}`);
    }
    assert.match(res.body, /<html lang="en">/);
  });

  it('every page is served with a strict CSP, no framing, no referrer and no inline script', async () => {
    for (const url of ['/', '/tickets/new', '/tickets', '/t/nope']) {
      const res = await t.http.inject({ url });
      const csp = res.headers['content-security-policy'] as string;
      assert.match(csp, /default-src 'none'/);
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(res.headers['x-frame-options'], 'DENY');
      assert.equal(res.headers['referrer-policy'], 'no-referrer');
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.doesNotMatch(res.body, /<script(?![^>]*\ssrc=)[^>]*>/, `${url} has an inline script`);
      assert.doesNotMatch(res.body, /\son[a-z]+="/, `${url} has an inline event handler`);
    }
  });

  it('language: ?lang= is remembered in ld_lang, the cookie beats Accept-Language', async () => {
    const ko = await t.http.inject({ url: '/?lang=ko' });
    assert.match(ko.body, /<html lang="ko">/);
    assert.ok(ko.body.includes('무엇을 도와드릴까요?'));
    assert.equal(cookiesOf(ko).ld_lang, 'ko');

    const zh = await t.http.inject({ url: '/tickets/new', cookies: { ld_lang: 'zh-CN' }, headers: { 'accept-language': 'ko-KR,ko;q=0.9' } });
    assert.match(zh.body, /<html lang="zh-CN">/);
    assert.ok(zh.body.includes('提交工单'));
    assert.ok(zh.body.includes('充币未到账'));

    const browser = await t.http.inject({ url: '/tickets', headers: { 'accept-language': 'ko-KR,ko;q=0.9,en;q=0.5' } });
    assert.ok(browser.body.includes('내 문의 내역'));
    assert.equal(cookiesOf(browser).ld_lang, undefined, 'a browser preference is not stored as a choice');
  });

  it('assets: hashed URLs, cached for a year; unknown names are 404', async () => {
    const css = await t.http.inject({ url: portalAssets.css.url });
    assert.equal(css.statusCode, 200);
    assert.match(css.headers['content-type'] as string, /^text\/css/);
    assert.equal(css.headers['cache-control'], 'public, max-age=31536000, immutable');
    const js = await t.http.inject({ url: portalAssets.js.url });
    assert.equal(js.statusCode, 200);
    assert.match(js.headers['content-type'] as string, /^text\/javascript/);
    assert.equal((await t.http.inject({ url: '/assets/portal/portal.000000000000.css' })).statusCode, 404);
    const home = await t.http.inject({ url: '/' });
    assert.ok(home.body.includes(portalAssets.css.url) && home.body.includes(portalAssets.js.url));
  });

  it('form: ?category= shows that category\'s fields (the no-JavaScript switch)', async () => {
    const plain = await t.http.inject({ url: '/tickets/new' });
    assert.match(plain.body, /<fieldset class="category-fields" data-category="deposit" hidden disabled>/);
    const deposit = await t.http.inject({ url: '/tickets/new?category=deposit' });
    assert.match(deposit.body, /<fieldset class="category-fields" data-category="deposit">/);
    assert.match(deposit.body, /<fieldset class="category-fields" data-category="withdrawal" hidden disabled>/);
    assert.ok(deposit.body.includes('name="fields.txHash"'));
    assert.ok(deposit.body.includes('Memo/Tag is required for XRP, EOS, TON'));
    assert.match(deposit.body, /<option value="deposit" selected>/);
    const ko = await t.http.inject({ url: '/tickets/new?category=kyc&lang=ko' });
    assert.ok(ko.body.includes('실명인증(KYC)') && ko.body.includes('신분증 종류') && ko.body.includes('여권'));
  });

  it('anonymous: /tickets explains how to sign in; a ticket page is the 404 page', async () => {
    const list = await t.http.inject({ url: '/tickets' });
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes('Sign in on the exchange website or app'));
    const { ticket } = await guestTicket();
    const page = await t.http.inject({ url: `/tickets/${ticket.number}` });
    assert.equal(page.statusCode, 404);
    assert.ok(page.body.includes('Page not found'));
    assert.ok(!page.body.includes(ticket.subject));
  });

  it('guest link: valid → ld_guest cookie and 303 to the ticket; invalid or expired → localized 404', async () => {
    const { ticket, guestToken } = await guestTicket();
    const res = await t.http.inject({ url: `/t/${guestToken}` });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/tickets/${ticket.number}`);
    assert.equal(res.headers['referrer-policy'], 'no-referrer');
    const cookie = (res.cookies as { name: string; value: string; httpOnly?: boolean; sameSite?: string; path?: string; maxAge?: number }[]).find((c) => c.name === GUEST_COOKIE)!;
    assert.equal(cookie.value, guestToken);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.equal(cookie.path, '/');
    assert.equal(cookie.maxAge, 30 * 24 * 3600);

    const page = await t.http.inject({ url: res.headers.location as string, cookies: { [GUEST_COOKIE]: guestToken! } });
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(ticket.number) && page.body.includes(ticket.subject));

    const forged = await t.http.inject({ url: `/t/${guestToken!.slice(0, -3)}abc?lang=zh-CN` });
    assert.equal(forged.statusCode, 404);
    assert.ok(forged.body.includes('链接无效或已过期'));
    const expired = signToken(t.ctx.secret, GUEST_TOKEN_PURPOSE, ticket.id, -10);
    assert.equal((await t.http.inject({ url: `/t/${expired}` })).statusCode, 404);
    const otherPurpose = signToken(t.ctx.secret, 'reset', ticket.id, 3600);
    assert.equal((await t.http.inject({ url: `/t/${otherPurpose}` })).statusCode, 404);
  });

  it('guest: sees only their one ticket in the list; another ticket is the same 404 as a missing one', async () => {
    const mine = await guestTicket();
    const theirs = await guestTicket();
    const cookies = { [GUEST_COOKIE]: mine.guestToken! };
    const list = await t.http.inject({ url: '/tickets', cookies });
    assert.ok(list.body.includes(mine.ticket.number));
    assert.ok(!list.body.includes(theirs.ticket.number));
    assert.ok(list.body.includes('private link'));
    const other = await t.http.inject({ url: `/tickets/${theirs.ticket.number}`, cookies });
    const missing = await t.http.inject({ url: '/tickets/LD-999999999', cookies });
    assert.equal(other.statusCode, 404);
    assert.equal(missing.statusCode, 404);
    // Identical apart from the number echoed in the language links: nothing tells them apart.
    assert.equal(other.body.replaceAll(theirs.ticket.number, 'N'), missing.body.replaceAll('LD-999999999', 'N'));
  });

  it('customer: all their tickets newest first, paginated; another customer\'s ticket is 404', async () => {
    const { actor, cookies } = await customerWithSession();
    const numbers: string[] = [];
    for (let i = 0; i < 22; i++) {
      const { ticket } = await ticketCreator({ ctx: t.ctx, actor, input: { ...depositInput, subject: `Request ${i}` }, origin });
      numbers.push(ticket.number);
    }
    const first = await t.http.inject({ url: '/tickets', cookies });
    assert.equal(first.statusCode, 200);
    const shown = [...first.body.matchAll(/class="ticket-row-number">([^<]+)</g)].map((m) => m[1]);
    assert.deepEqual(shown, numbers.slice(-20).reverse());
    assert.ok(first.body.includes('Received'), 'status badge in words');
    const older = /href="(\/tickets\?cursor=[^"]+)"/.exec(first.body)![1]!.replace(/&amp;/g, '&');
    const second = await t.http.inject({ url: older, cookies });
    const rest = [...second.body.matchAll(/class="ticket-row-number">([^<]+)</g)].map((m) => m[1]);
    assert.deepEqual(rest, numbers.slice(0, 2).reverse());
    assert.equal((await t.http.inject({ url: '/tickets?cursor=garbage', cookies })).statusCode, 303);

    const stranger = await customerWithSession();
    const res = await t.http.inject({ url: `/tickets/${numbers[0]}`, cookies: stranger.cookies });
    assert.equal(res.statusCode, 404);
    assert.ok(!res.body.includes('Request 0'));
  });

  it('ticket page: status explained, fields labelled, public conversation only, attachments linked', async () => {
    const { actor, cookies } = await customerWithSession();
    const { ticket } = await ticketCreator({ ctx: t.ctx, actor, input: { ...depositInput, subject: '<img src=x onerror=alert(1)> deposit' }, origin });
    const agent = await createAgent(t.ctx, { name: 'Mina' });
    const agentActor = { kind: 'agent' as const, agentId: agent.id, role: 'agent' as const, via: 'token' as const, scopes: new Set(['tickets:read', 'tickets:write'] as const) };
    await messageSender({ ctx: t.ctx, actor: agentActor, ticketId: ticket.id, input: { body: 'INTERNAL: check wallet node', visibility: 'internal' }, origin });
    await messageSender({ ctx: t.ctx, actor: agentActor, ticketId: ticket.id, input: { body: 'Please send a screenshot of the withdrawal record.', visibility: 'public' }, origin });
    await t.ctx.db.updateTable('tickets').set({ status: 'pending' }).where('id', '=', ticket.id).execute();

    const res = await t.http.inject({ url: `/tickets/${ticket.number}?lang=en`, cookies });
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes('Awaiting your reply') && res.body.includes('We are waiting for your reply'));
    assert.ok(res.body.includes('Your deposit address') && res.body.includes(depositInput.fields.address));
    assert.ok(res.body.includes('TxID (transaction hash)'));
    assert.ok(res.body.includes('Please send a screenshot of the withdrawal record.'));
    assert.ok(res.body.includes('Mina · Support team'));
    assert.ok(!res.body.includes('INTERNAL'), 'internal notes never reach the customer');
    assert.ok(!res.body.includes('<img src=x'), 'the subject is escaped');
    assert.ok(res.body.includes('&lt;img src=x onerror=alert(1)&gt; deposit'));
    assert.ok(res.body.includes(`action="/tickets/${ticket.number}/reply"`));

    const zh = await t.http.inject({ url: `/tickets/${ticket.number}?lang=zh-CN`, cookies });
    assert.ok(zh.body.includes('待您回复') && zh.body.includes('交易哈希（TxID）'));
  });

  it('an agent session sees the portal as a visitor, never the agent view', async () => {
    const { ticket } = await guestTicket();
    const agent = await createAgent(t.ctx);
    const session = await createSession(t.ctx, { type: 'agent', id: agent.id });
    const res = await t.http.inject({ url: `/tickets/${ticket.number}`, cookies: session.cookies });
    assert.equal(res.statusCode, 404);
  });

  it('a closed ticket says so and offers a new request instead of a reply form', async () => {
    const { actor, cookies } = await customerWithSession();
    const { ticket } = await ticketCreator({ ctx: t.ctx, actor, input: depositInput, origin });
    await t.ctx.db.updateTable('tickets').set({ status: 'closed' }).where('id', '=', ticket.id).execute();
    const res = await t.http.inject({ url: `/tickets/${ticket.number}?lang=ko`, cookies });
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes('종료된 문의입니다. 추가 도움이 필요하시면 새로 문의해 주세요.'));
    assert.ok(!res.body.includes('/reply"'));
  });

  it('unknown portal paths get the localized 404 page, not JSON', async () => {
    const res = await t.http.inject({ url: '/tickets/LD-1/nothing-here', headers: { 'accept-language': 'zh-CN' } });
    assert.equal(res.statusCode, 404);
    assert.match(res.headers['content-type'] as string, /^text\/html/);
    assert.ok(res.body.includes('页面不存在'));
  });
});
