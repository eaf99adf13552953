import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import type { WebSocketRoute } from 'playwright-core';
import { agentWithToken, createAgent, createSession, TEST_PASSWORD } from '../factories.js';
import { createTicket } from '../../src/modules/tickets/testKit.js';
import { consoleAssets } from '../../src/modules/console/consoleAssets.js';
import { useBrowserApp } from './browserApp.js';
import { browserSkipReason } from './chromium.js';
import { ConsoleInbox, ConsoleLogin, ConsoleTicket } from './pages/consolePages.js';
import { newId, nowIso } from '../../src/platform/db/ids.js';

const skip = browserSkipReason();
const codeAt = (secret: string, offsetSteps = 0) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + offsetSteps * 30_000 });

describe('agent console in Chromium', () => {
  const env = useBrowserApp();
  // Built once up front (cached by source hash), so no test waits on the bundler.
  before(async () => {
    if (!skip) await consoleAssets();
  });

  it('signs in with password and a TOTP code, shows errors where they belong, and signs out', { skip }, async () => {
    const { app, browser, baseUrl } = env;
    const agent = await createAgent(app.ctx, { name: 'Li Wei' });
    const s = await createSession(app.ctx, { type: 'agent', id: agent.id });
    const setup = await app.http.inject({ method: 'POST', url: '/api/v1/auth/2fa/setup', cookies: s.cookies, headers: s.headers });
    const { secret } = setup.json() as { secret: string };
    const enabled = await app.http.inject({ method: 'POST', url: '/api/v1/auth/2fa/enable', cookies: s.cookies, headers: s.headers, payload: { code: codeAt(secret) } });
    assert.equal(enabled.statusCode, 200, enabled.body);

    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const login = new ConsoleLogin(page, baseUrl);
    await login.open();

    // Checked before sending: nothing reaches the server.
    await page.getByRole('button', { name: 'Sign in' }).click();
    assert.equal(await login.fieldError(login.email()), 'Enter your work email.');
    assert.equal(await login.fieldError(login.password()), 'Enter your password.');

    await login.signIn(agent.email, 'not the password');
    await login.formError().filter({ hasText: 'The email or password is incorrect.' }).waitFor();

    await login.signIn(agent.email, TEST_PASSWORD);
    await page.getByRole('heading', { name: 'Two-step verification' }).waitFor();
    await login.enterCode('12');
    assert.equal(await login.fieldError(login.code()), 'Enter the 6 digits, or a recovery code.');
    const wrong = codeAt(secret, 1) === '000000' ? '111111' : '000000';
    await login.enterCode(wrong);
    await page.getByText('The code is wrong or has expired. Enter the current code.').waitFor();
    assert.equal(await login.fieldError(login.code()), 'The code is wrong or has expired. Enter the current code.');

    // The enrolment spent this step's code; the next step's is inside the accepted window.
    await login.enterCode(codeAt(secret, 1));
    const inbox = new ConsoleInbox(page, baseUrl);
    await inbox.heading().filter({ hasText: 'Assigned to me' }).waitFor();
    await inbox.view(/All tickets/).waitFor();
    await page.getByText('Li Wei').waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to the agent console' }).waitFor();
    const me = await page.request.get(`${baseUrl}/api/v1/auth/me`);
    assert.equal(me.status(), 401);
    await context.close();
  });

  it('filters and searches the inbox, updates it live, and resyncs after a lost connection', { skip }, async () => {
    const { app, browser, baseUrl } = env;
    const { agent, headers } = await agentWithToken(app.ctx);
    const tag = `vip${randomBytes(3).toString('hex')}`;
    const email = `whale-${randomBytes(3).toString('hex')}@example.test`;
    const normal = await createTicket(app, headers, { tags: [tag], subject: 'USDT 充值没到账' });
    const urgent = await createTicket(app, headers, { tags: [tag], priority: 'urgent', subject: '<img src=x onerror=alert(1)> account frozen', customer: { email } });
    const low = await createTicket(app, headers, { tags: [tag], priority: 'low', subject: 'Fee question' });

    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    let offline = false;
    const sockets: WebSocketRoute[] = [];
    await context.routeWebSocket(/\/api\/v1\/chat\/ws$/, (ws) => {
      if (offline) return void ws.close();
      ws.connectToServer();
      sockets.push(ws);
    });
    const inbox = await ConsoleInbox.signedIn(context, app.ctx, baseUrl, agent.id, `/console/inbox?view=all&tag=${tag}`);
    await inbox.waitForNumbers([normal.number, urgent.number, low.number]);
    // Customer text is text: the markup shows as typed and nothing ran.
    await inbox.row(urgent.number).getByText('<img src=x onerror=alert(1)> account frozen').waitFor();

    await inbox.filter('Sort by', 'Priority');
    await inbox.waitForNumbers([urgent.number, normal.number, low.number]);
    await inbox.filter('Priority', 'Urgent');
    await inbox.waitForNumbers([urgent.number]);
    await inbox.filter('Priority', 'Any');
    await inbox.search(email);
    await inbox.waitForNumbers([urgent.number]);
    await inbox.search(low.number);
    await inbox.waitForNumbers([low.number]);
    await inbox.search('充值没到账');
    await inbox.waitForNumbers([normal.number]);
    await inbox.search('');
    await inbox.waitForNumbers([urgent.number, normal.number, low.number]);
    assert.match(inbox.page.url(), new RegExp(`sort=priority.*tag=${tag}|tag=${tag}.*sort=priority`));

    // Live: a new ticket and a change made elsewhere appear without a reload.
    const high = await createTicket(app, headers, { tags: [tag], priority: 'high' });
    await inbox.waitForNumbers([urgent.number, high.number, normal.number, low.number]);
    await app.http.inject({ method: 'PATCH', url: `/api/v1/tickets/${low.number}`, headers, payload: { status: 'solved' } });
    await inbox.waitForNumbers([urgent.number, high.number, normal.number]);
    await inbox.view(/All tickets/).filter({ hasText: '3' }).waitFor();

    // Connection lost: a banner; what changed meanwhile is there once it is back.
    offline = true;
    for (const ws of sockets.splice(0)) await ws.close();
    await inbox.banner().waitFor();
    const during = await createTicket(app, headers, { tags: [tag], priority: 'urgent' });
    offline = false;
    await inbox.banner().waitFor({ state: 'detached' });
    await inbox.waitForNumbers([urgent.number, during.number, high.number, normal.number]);
    await context.close();
  });

  it('switches the interface to 中文 and 한국어 and keeps the agent’s choice', { skip }, async () => {
    const { app, browser, baseUrl } = env;
    const agent = await createAgent(app.ctx);
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const inbox = await ConsoleInbox.signedIn(context, app.ctx, baseUrl, agent.id, '/console');
    await inbox.heading().filter({ hasText: 'Assigned to me' }).waitFor();

    await inbox.switchLanguage('中文');
    await inbox.heading().filter({ hasText: '我的工单' }).waitFor();
    await inbox.view(/未分配/).waitFor();
    await inbox.page.getByRole('group', { name: '筛选' }).getByLabel('状态').waitFor();
    assert.equal(await inbox.page.locator('html').getAttribute('lang'), 'zh-CN');
    assert.equal(await inbox.page.getByRole('button', { name: '退出登录' }).count(), 1);

    await inbox.switchLanguage('한국어');
    await inbox.heading().filter({ hasText: '내 티켓' }).waitFor();
    await inbox.view(/전체 티켓/).waitFor();
    await inbox.page.getByRole('group', { name: '필터' }).getByLabel('우선순위', { exact: true }).waitFor();

    // Kept on the agent's profile: another browser opens in Korean too.
    await inbox.page.waitForFunction(() => localStorage.getItem('ledgerdesk.console.locale') === 'ko');
    const other = await browser.newContext({ locale: 'en-US' });
    const elsewhere = await ConsoleInbox.signedIn(other, app.ctx, baseUrl, agent.id, '/console');
    await elsewhere.heading().filter({ hasText: '내 티켓' }).waitFor();
    await other.close();
    await context.close();
  });
  it('opens a ticket: the whole timeline as text, an internal note, a reply, a status change, and a conflict instead of an overwrite', { skip }, async () => {
    const { app, browser, baseUrl } = env;
    const { agent, headers } = await agentWithToken(app.ctx);
    const tag = `ws${randomBytes(3).toString('hex')}`;
    const ticket = await createTicket(app, headers, { tags: [tag], body: '充值没到账 <script>alert(1)</script>' });
    await app.ctx.db.insertInto('messages').values([
      { id: newId(), ticket_id: ticket.id, author_type: 'bot', author_id: null, visibility: 'public', body: 'Please send the TxID of your deposit.', channel: 'api', created_at: nowIso() },
      { id: newId(), ticket_id: ticket.id, author_type: 'system', author_id: null, visibility: 'public', body: 'Connecting you to an agent.', channel: 'api', created_at: nowIso() },
    ]).execute();

    const earlier = await createTicket(app, headers, { customer: undefined, customerId: ticket.customer.id, subject: 'Earlier KYC question' });
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    // No live socket here: the conflict below must come from the server's check, not a live refresh.
    await context.routeWebSocket(/\/api\/v1\/chat\/ws$/, () => {});
    const inbox = await ConsoleInbox.signedIn(context, app.ctx, baseUrl, agent.id, `/console/inbox?view=all&tag=${tag}`);
    // By keyboard: j chooses the first row, Enter opens it.
    await inbox.row(ticket.number).waitFor();
    await inbox.page.keyboard.press('j');
    await inbox.page.keyboard.press('Enter');
    const page = new ConsoleTicket(inbox.page);
    await page.heading().filter({ hasText: ticket.number }).waitFor();
    await page.timeline().getByText('充值没到账 <script>alert(1)</script>').waitFor();
    await page.message('Bot').getByText('Please send the TxID of your deposit.').waitFor();
    await page.message('System').getByText('Connecting you to an agent.').waitFor();
    await page.page.getByRole('region', { name: 'Other tickets from this customer' }).getByRole('link', { name: earlier.number }).waitFor();

    await page.write('Internal note (agents only)', 'Checked the TRC20 explorer: 19 confirmations.');
    await page.message(/^Internal note · /).getByText('Checked the TRC20 explorer: 19 confirmations.').waitFor();
    // A canned response, by its shortcode: "/greeting" then Tab fills it in for this ticket.
    await page.page.getByRole('radio', { name: 'Reply to customer' }).check();
    const box = page.page.getByLabel('Message', { exact: true });
    await box.fill('/greeting');
    await box.press('Tab');
    await page.page.waitForFunction((n) => document.querySelector('textarea')?.value.includes(n) === true, ticket.number);
    await page.page.getByRole('button', { name: 'Send reply' }).click();
    const greeting = `Hi there, thanks for contacting support. I'm Test Agent and I'll be looking after your request ${ticket.number}.`;
    await page.timeline().getByText(greeting).waitFor();
    // …or picked from the list.
    await page.page.getByLabel('Canned response').selectOption({ label: '/greeting — Greeting' });
    await page.page.waitForFunction((n) => document.querySelector('textarea')?.value.includes(n) === true, ticket.number);
    await box.fill('');
    const notes = await app.ctx.db.selectFrom('messages').select(['visibility', 'body']).where('ticket_id', '=', ticket.id).where('author_type', '=', 'agent').orderBy('id').execute();
    assert.deepEqual(notes.map((n) => n.visibility), ['internal', 'public']);

    // Someone else raises the priority while this page still shows the old ticket: our change is refused, theirs shown.
    await app.http.inject({ method: 'PATCH', url: `/api/v1/tickets/${ticket.number}`, headers, payload: { priority: 'urgent' } });
    await page.status().selectOption({ label: 'Solved' });
    await page.page.getByRole('alert').filter({ hasText: 'Someone else changed this ticket' }).waitFor();
    await page.priority().locator('option:checked', { hasText: 'Urgent' }).waitFor({ state: 'attached' });
    // The reply had opened the ticket; the refused change left it so.
    assert.equal(await page.status().inputValue(), 'open');
    // Now on the latest version, the same change goes through.
    await page.status().selectOption({ label: 'Solved' });
    await page.timeline().getByText(/changed the status: Open → Solved/).waitFor();
    const row = await app.ctx.db.selectFrom('tickets').select(['status', 'priority']).where('id', '=', ticket.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'solved', priority: 'urgent' });
    // u (outside a field) goes back to the inbox as it was left.
    await page.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.page.keyboard.press('u');
    await inbox.heading().filter({ hasText: 'All tickets' }).waitFor();
    assert.match(page.page.url(), new RegExp(`tag=${tag}`));
    await context.close();
  });
  it('walks an admin who must use two-factor through enrolment to the inbox, showing the recovery codes once', { skip }, async () => {
    const { app, browser, baseUrl } = env;
    const admin = await createAgent(app.ctx, { role: 'admin', name: 'Park Ji-hoon' });
    const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const login = new ConsoleLogin(page, baseUrl);
    await login.open();
    // The browser asks for Korean: the console starts in Korean; the test signs in in English.
    await page.getByRole('heading', { name: '상담원 콘솔 로그인' }).waitFor();
    await page.getByLabel('화면 언어').selectOption({ label: 'English' });
    await login.signIn(admin.email, TEST_PASSWORD);
    await page.getByRole('heading', { name: 'Set up two-step verification' }).waitFor();
    const secret = (await page.getByLabel('Setup key').textContent())?.trim() ?? '';
    assert.match(secret, /^[A-Z2-7]{16,}$/);
    await login.code().fill('abc');
    await page.getByRole('button', { name: 'Turn on and continue' }).click();
    assert.equal(await login.fieldError(login.code()), 'Enter the 6 digits, or a recovery code.');
    await login.code().fill(codeAt(secret));
    await page.getByRole('button', { name: 'Turn on and continue' }).click();
    await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    assert.equal(await page.getByRole('listitem').count(), 10);
    await page.getByRole('button', { name: 'Continue to the inbox' }).click();
    await new ConsoleInbox(page, baseUrl).heading().filter({ hasText: 'Assigned to me' }).waitFor();
    const row = await app.ctx.db.selectFrom('agents').select(['totp_enabled', 'locale']).where('id', '=', admin.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { totp_enabled: 1, locale: 'en' });
    await context.close();
  });
  it('saves the current list as a view, refuses a second view of the same name, opens and deletes it', { skip }, async () => {
    const { app, browser, baseUrl } = env;
    const { agent, headers } = await agentWithToken(app.ctx);
    const tag = `sv${randomBytes(3).toString('hex')}`;
    const urgent = await createTicket(app, headers, { tags: [tag], priority: 'urgent' });
    await createTicket(app, headers, { tags: [tag] });
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const inbox = await ConsoleInbox.signedIn(context, app.ctx, baseUrl, agent.id, `/console/inbox?view=all&priority=urgent&tag=${tag}`);
    await inbox.waitForNumbers([urgent.number]);
    const saved = inbox.page.getByRole('region', { name: 'Saved views' });
    const name = saved.getByLabel('Name for this view');

    await saved.getByRole('button', { name: 'Save view' }).click();
    await saved.getByText('Give the view a name.').waitFor();
    await name.fill('Urgent VIP');
    await saved.getByRole('button', { name: 'Save view' }).click();
    await saved.getByRole('link', { name: 'Urgent VIP' }).waitFor();
    await name.fill('Urgent VIP');
    await saved.getByRole('button', { name: 'Save view' }).click();
    await saved.getByText('You already have a view with this name.').waitFor();

    await inbox.view(/Assigned to me/).click();
    await inbox.heading().filter({ hasText: 'Assigned to me' }).waitFor();
    await saved.getByRole('link', { name: 'Urgent VIP' }).click();
    await inbox.heading().filter({ hasText: 'All tickets' }).waitFor();
    await inbox.waitForNumbers([urgent.number]);
    assert.match(inbox.page.url(), new RegExp(`priority=urgent.*tag=${tag}`));

    await saved.getByRole('button', { name: 'Delete saved view Urgent VIP' }).click();
    await saved.getByText('No saved views yet.').waitFor();
    await context.close();
  });
});
