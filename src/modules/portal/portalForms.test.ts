import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { createCustomer, createSession } from '../../../test/factories.js';
import { GUEST_COOKIE } from '../identity/http/authenticate.js';
import { ticketCreator } from '../tickets/commands/ticketCreator.js';
import { cookiesOf, hiddenCsrf, multipart, openTicketForm, PNG_1X1, validDeposit } from './portalTesting.js';

const ticketCount = async (t: TestApp) => Number((await t.ctx.db.selectFrom('tickets').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('portal forms', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ MAX_ATTACHMENT_BYTES: '4096' });
  });
  after(() => t.close());

  const submit = async (cookies: Record<string, string>, fields: Record<string, string>, files: Parameters<typeof multipart>[1] = [], query = '') => {
    const body = await multipart(fields, files);
    return t.http.inject({ method: 'POST', url: `/tickets/new${query}`, cookies, headers: body.headers, payload: body.payload });
  };

  it('guest submits a deposit request with a screenshot: 303 → confirmation with the number and the private link', async () => {
    const form = await openTicketForm(t.http);
    assert.ok(form.cookies.ld_csrf, 'anonymous visitors get a double-submit cookie');
    const email = `guest-${Date.now()}@example.test`;
    const res = await submit(form.cookies, { ...validDeposit, email, _csrf: form.csrf }, [{ field: 'attachments', filename: 'wallet.png', type: 'image/png', data: PNG_1X1 }]);
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const location = res.headers.location as string;
    assert.match(location, /^\/tickets\/LD-\d+\/submitted$/);
    const guest = cookiesOf(res)[GUEST_COOKIE];
    assert.ok(guest, 'the submitter can follow the ticket at once');

    const confirmation = await t.http.inject({ url: location, cookies: { [GUEST_COOKIE]: guest } });
    assert.equal(confirmation.statusCode, 200);
    const number = /\/tickets\/(LD-\d+)\//.exec(location)![1]!;
    assert.ok(confirmation.body.includes(`data-ticket-number>${number}<`));
    assert.ok(confirmation.body.includes(`${t.config.PUBLIC_URL}/t/${guest}`));
    assert.ok(confirmation.body.includes('Keep this link private'));

    const page = await t.http.inject({ url: `/tickets/${number}`, cookies: { [GUEST_COOKIE]: guest } });
    assert.match(page.body, /href="\/api\/v1\/attachments\/[0-9a-f-]+"[^>]*>wallet\.png</);
    const row = await t.ctx.db.selectFrom('tickets').innerJoin('customers', 'customers.id', 'tickets.customer_id').select(['tickets.channel', 'tickets.fields', 'customers.email']).where('number', '=', number).executeTakeFirstOrThrow();
    assert.equal(row.channel, 'web');
    assert.equal(row.email, email);
    assert.equal(JSON.parse(row.fields).txHash, validDeposit['fields.txHash']);
  });

  it('validation errors re-render the form with the input kept and each error beside its field, in the visitor\'s language', async () => {
    const form = await openTicketForm(t.http, { ld_lang: 'ko' });
    const before = await ticketCount(t);
    const res = await submit(form.cookies, {
      ...validDeposit, subject: 'USDT 입금 <미반영>', 'fields.txHash': '0x1234', 'fields.network': 'TRC20', email: 'not-an-email', _csrf: form.csrf,
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.headers['content-type'] as string, /^text\/html/);
    assert.equal(await ticketCount(t), before, 'nothing was created');
    assert.ok(res.body.includes('value="USDT 입금 &lt;미반영&gt;"'), 'subject kept (escaped)');
    assert.ok(res.body.includes(`>${validDeposit.description}</textarea>`), 'description kept');
    assert.ok(res.body.includes('value="not-an-email"'), 'email kept');
    assert.ok(res.body.includes(`value="${validDeposit['fields.address']}"`), 'category fields kept');
    assert.match(res.body, /id="email-error">올바른 이메일 주소를 입력해 주세요/);
    assert.ok(res.body.includes('아래 표시된 항목을 확인해 주세요.'));
    // Fix the email: the tickets module then rejects the TxID for this network, beside its field.
    const again = await submit(form.cookies, { ...validDeposit, 'fields.txHash': '0x1234', email: 'fixed@example.test', _csrf: hiddenCsrf(res.body) });
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /id="f-deposit-txHash-error">선택한 네트워크의 TxID 형식과 맞지 않습니다/);
    assert.match(again.body, /aria-invalid="true"/);
  });

  it('missing required fields are all reported at once; a missing category is reported at the picker', async () => {
    const form = await openTicketForm(t.http);
    const res = await submit(form.cookies, { category: 'deposit', subject: '', description: '', email: '', locale: 'en', _csrf: form.csrf });
    assert.equal(res.statusCode, 400);
    for (const id of ['subject', 'description', 'email', 'f-deposit-coin', 'f-deposit-network', 'f-deposit-amount', 'f-deposit-txHash', 'f-deposit-address']) {
      assert.match(res.body, new RegExp(`id="${id}-error">This field is required.<`), id);
    }
    assert.doesNotMatch(res.body, /id="f-deposit-memo-error"/, 'memo is optional');
    const none = await submit(form.cookies, { category: '', subject: 'x', description: 'y', email: 'a@example.test', locale: 'en', _csrf: form.csrf });
    assert.match(none.body, /id="category-error">Choose a category.</);
  });

  it('a disguised attachment is refused beside the attachments field and the other input survives', async () => {
    const form = await openTicketForm(t.http);
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    const res = await submit(form.cookies, { ...validDeposit, email: 'a@example.test', _csrf: form.csrf }, [{ field: 'attachments', filename: 'screenshot.png', type: 'image/png', data: html }]);
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /id="attachments-error">Only screenshots \(PNG, JPG, GIF, WebP\), PDF or .txt files can be attached.</);
    assert.ok(res.body.includes(`value="${validDeposit.subject}"`));
    const big = await submit(form.cookies, { ...validDeposit, email: 'a@example.test', _csrf: form.csrf }, [{ field: 'attachments', filename: 'big.png', type: 'image/png', data: Buffer.concat([PNG_1X1, Buffer.alloc(8192)]) }]);
    assert.equal(big.statusCode, 400);
    assert.match(big.body, /id="attachments-error">Each file can be at most 4 KB/);
    assert.ok(big.body.includes(`value="${validDeposit.subject}"`), 'fields read in full even though the file was cut off');
  });

  it('CSRF: a submission without the token, with a token from another visitor, or cross-site is refused and creates nothing', async () => {
    const before = await ticketCount(t);
    const form = await openTicketForm(t.http);
    const other = await openTicketForm(t.http);
    const fields = { ...validDeposit, email: 'csrf@example.test' };
    const missing = await submit(form.cookies, fields);
    assert.equal(missing.statusCode, 403);
    assert.match(missing.headers['content-type'] as string, /^text\/html/);
    assert.ok(missing.body.includes('This page has expired'));
    assert.equal((await submit(form.cookies, { ...fields, _csrf: other.csrf })).statusCode, 403);
    assert.equal((await submit({}, { ...fields, _csrf: form.csrf })).statusCode, 403, 'no cookie: a cross-site post');
    assert.equal(await ticketCount(t), before);
  });

  it('signed-in customer: no email field; the ticket is theirs; the session CSRF token guards the form', async () => {
    const customer = await createCustomer(t.ctx, { verified: true, email: 'trader@example.test' });
    const session = await createSession(t.ctx, { type: 'customer', id: customer.id });
    const form = await openTicketForm(t.http, session.cookies);
    assert.doesNotMatch(form.html, /name="email"/);
    assert.ok(form.html.includes('Replies are also sent to trader@example.test.'));
    assert.equal(form.csrf, session.headers['x-csrf-token']);
    assert.equal((await submit(session.cookies, { ...validDeposit, _csrf: 'wrong' })).statusCode, 403);
    const res = await submit(session.cookies, { ...validDeposit, _csrf: form.csrf });
    assert.equal(res.statusCode, 303);
    assert.equal(cookiesOf(res)[GUEST_COOKIE], undefined, 'verified customers need no guest link');
    const confirmation = await t.http.inject({ url: res.headers.location as string, cookies: session.cookies });
    assert.ok(confirmation.body.includes('All my requests'));
    assert.ok(!confirmation.body.includes('/t/'), 'no private link for a signed-in customer');
    const list = await t.http.inject({ url: '/tickets', cookies: session.cookies });
    assert.ok(list.body.includes(validDeposit.subject));
  });

  it('reply: a guest replies with a file; a pending ticket reopens; an empty reply keeps the page with an error', async () => {
    const { ticket, guestToken } = await ticketCreator({
      ctx: t.ctx, actor: null, origin: { ip: null, userAgent: null },
      input: { category: 'account', subject: 'Cannot log in', body: 'Locked out', customer: { email: 'reply@example.test' } },
    });
    await t.ctx.db.updateTable('tickets').set({ status: 'pending' }).where('id', '=', ticket.id).execute();
    const cookies = { [GUEST_COOKIE]: guestToken! };
    const page = await t.http.inject({ url: `/tickets/${ticket.number}`, cookies });
    const csrf = hiddenCsrf(page.body);

    const empty = await multipart({ _csrf: csrf, body: '   ' });
    const bad = await t.http.inject({ method: 'POST', url: `/tickets/${ticket.number}/reply?lang=zh-CN`, cookies, headers: empty.headers, payload: empty.payload });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.body.includes('请先填写回复内容。'));

    const noToken = await multipart({ body: 'hello' });
    const refused = await t.http.inject({ method: 'POST', url: `/tickets/${ticket.number}/reply`, cookies, headers: noToken.headers, payload: noToken.payload });
    assert.equal(refused.statusCode, 403);

    const good = await multipart({ _csrf: csrf, body: 'Here is the <b>screenshot</b>' }, [{ field: 'attachments', filename: 'login.png', type: 'image/png', data: PNG_1X1 }]);
    const res = await t.http.inject({ method: 'POST', url: `/tickets/${ticket.number}/reply`, cookies, headers: good.headers, payload: good.payload });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/tickets/${ticket.number}?sent=1#reply-title`);
    const after = await t.http.inject({ url: res.headers.location as string, cookies });
    assert.ok(after.body.includes('Here is the &lt;b&gt;screenshot&lt;/b&gt;'));
    assert.ok(after.body.includes('Your reply has been sent.'));
    assert.ok(after.body.includes('In progress'), 'pending → open after the customer replied');
    assert.ok(after.body.includes('>login.png</a>'));
  });

  it('reply: another customer cannot post to a ticket (404), a closed ticket refuses with an explanation (409)', async () => {
    const owner = await createCustomer(t.ctx, { verified: true });
    const actor = { kind: 'customer' as const, customerId: owner.id, verified: true, sessionId: 'x' };
    const { ticket } = await ticketCreator({ ctx: t.ctx, actor, origin: { ip: null, userAgent: null }, input: { category: 'fees', subject: 'Fee', body: 'Why?', fields: { feeType: 'trading' } } });
    const stranger = await createCustomer(t.ctx, { verified: true });
    const strangerSession = await createSession(t.ctx, { type: 'customer', id: stranger.id });
    const strangerBody = await multipart({ _csrf: strangerSession.headers['x-csrf-token'], body: 'let me in' });
    const denied = await t.http.inject({ method: 'POST', url: `/tickets/${ticket.number}/reply`, cookies: strangerSession.cookies, headers: strangerBody.headers, payload: strangerBody.payload });
    assert.equal(denied.statusCode, 404);

    const ownerSession = await createSession(t.ctx, { type: 'customer', id: owner.id });
    await t.ctx.db.updateTable('tickets').set({ status: 'closed' }).where('id', '=', ticket.id).execute();
    const body = await multipart({ _csrf: ownerSession.headers['x-csrf-token'], body: 'one more thing' });
    const closed = await t.http.inject({ method: 'POST', url: `/tickets/${ticket.number}/reply`, cookies: ownerSession.cookies, headers: body.headers, payload: body.payload });
    assert.equal(closed.statusCode, 409);
    assert.ok(closed.body.includes('This request is closed.'));
    const messages = await t.ctx.db.selectFrom('messages').select('body').where('ticket_id', '=', ticket.id).execute();
    assert.deepEqual(messages.map((m) => m.body), ['Why?']);
  });
});
