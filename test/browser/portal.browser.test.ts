import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { createTestApp, type TestApp } from '../harness.js';
import { agentWithToken } from '../factories.js';
import { PNG_1X1 } from '../../src/modules/portal/portalTesting.js';
import { browserSkipReason, launchChromium } from './chromium.js';
import { ConfirmationPage, HomePage, NewRequestPage, TicketPage } from './pages/portalPages.js';

/** Set SCREENSHOT_DIR (e.g. docs/screenshots) to refresh the documentation screenshots. */
const screenshotDir = process.env.SCREENSHOT_DIR;
const skip = browserSkipReason();

describe('customer portal in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let baseUrl: string;

  before(async () => {
    if (skip) return;
    app = await createTestApp();
    baseUrl = await app.http.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  const newContext = (): Promise<BrowserContext> => browser.newContext({ viewport: { width: 960, height: 900 }, locale: 'en-US' });

  it('a guest submits a deposit request with a screenshot, then sees the agent\'s reply on the tracking page', { skip }, async () => {
    const context = await newContext();
    const page = await context.newPage();
    const form = new NewRequestPage(page, baseUrl);
    await form.open();
    // The script swaps the category's fields in place: no reload, nothing typed is lost.
    await page.getByLabel('Subject').fill('USDT deposit via TRC20 not credited');
    await form.chooseCategory('Deposit not credited');
    assert.equal(await page.getByLabel('Subject').inputValue(), 'USDT deposit via TRC20 not credited');
    await form.fillDeposit({
      coin: 'USDT', network: 'TRC20', amount: '150.25',
      txId: 'a3f1c0de9b8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a392817060504',
      address: 'TQ5r8mB2kL9vX3nZ7pW1yH4cJ6dF8gS0aE',
    });
    await form.fillRequest(
      'USDT deposit via TRC20 not credited',
      'I withdrew 150.25 USDT from another exchange two hours ago. It shows as completed there, but it is not in my account yet.',
      'trader.guest@example.test',
    );
    await form.attach('withdrawal-record.png', 'image/png', PNG_1X1);
    if (screenshotDir) {
      mkdirSync(screenshotDir, { recursive: true });
      await page.screenshot({ path: join(screenshotDir, 'portal-new-request.png'), fullPage: true });
    }
    await form.submit();

    const confirmation = new ConfirmationPage(page);
    const number = await confirmation.ticketNumber();
    assert.match(number, /^LD-\d+$/);
    assert.match(await confirmation.privateLink().inputValue(), /\/t\/guest\./);

    // An agent answers through the API.
    const { headers } = await agentWithToken(app.ctx);
    const res = await app.http.inject({
      method: 'POST', url: `/api/v1/tickets/${number}/messages`, headers,
      payload: { body: 'Thanks, we found your deposit. It was waiting for network confirmations and has now been credited.' },
    });
    assert.equal(res.statusCode, 201, res.body);

    await confirmation.viewRequest();
    const ticket = new TicketPage(page);
    const conversation = ticket.conversation();
    await conversation.getByText('has now been credited').waitFor();
    assert.ok((await conversation.textContent())?.includes('Support team'));
    assert.ok((await conversation.getByRole('link', { name: 'withdrawal-record.png' }).count()) === 1);
    assert.ok((await ticket.status().textContent())?.includes('In progress'));
    if (screenshotDir) await page.screenshot({ path: join(screenshotDir, 'portal-ticket.png'), fullPage: true });

    // The guest replies from the same page.
    await page.getByLabel('Your message').fill('Received, thank you!');
    await Promise.all([page.waitForURL(/sent=1/), page.getByRole('button', { name: 'Send reply' }).click()]);
    await conversation.getByText('Received, thank you!').waitFor();
    await page.getByRole('status').getByText('Your reply has been sent.').waitFor();

    // The agent solves the ticket; the customer sees it solved, with what that means.
    const solved = await app.http.inject({ method: 'PATCH', url: `/api/v1/tickets/${number}`, headers, payload: { status: 'solved' } });
    assert.equal(solved.statusCode, 200, solved.body);
    await page.reload();
    assert.ok((await ticket.status().textContent())?.includes('Solved'));
    assert.ok((await ticket.status().textContent())?.includes('reply below'));
    await context.close();
  });

  it('switching to 한국어 and 中文 shows translated pages and form labels', { skip }, async () => {
    const context = await newContext();
    const page = await context.newPage();
    const home = new HomePage(page, baseUrl);
    await home.open();
    assert.equal(await home.heading().textContent(), 'How can we help?');

    await home.switchLanguage('한국어');
    assert.equal(await home.heading().textContent(), '무엇을 도와드릴까요?');
    await home.goToNewRequest();
    await page.getByLabel('문의 유형').selectOption({ label: '입금 미반영' });
    await page.getByRole('group', { name: /상세 정보/ }).getByLabel('메모 / 태그(Tag)').waitFor();
    assert.equal(await page.getByRole('button', { name: '문의 접수' }).count(), 1);

    // The choice is remembered: the next page is still Korean without ?lang=.
    await page.goto(`${baseUrl}/tickets`);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), '내 문의 내역');

    await home.switchLanguage('中文');
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), '我的工单');
    await page.goto(`${baseUrl}/tickets/new`);
    await page.getByLabel('您要咨询的问题类型').selectOption({ label: '提币问题' });
    await page.getByRole('group', { name: /详细信息/ }).getByLabel('提币地址（收款地址）').waitFor();
    assert.equal(await page.getByLabel('邮箱地址').count(), 1);
    await context.close();
  });

  it('the form is usable on a phone-sized screen without horizontal scrolling', { skip }, async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/tickets/new?lang=en&category=withdrawal`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
    await context.close();
  });
});
