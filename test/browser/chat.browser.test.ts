import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { agentWithToken, seedArticles } from '../factories.js';
import { defaultBotSettings, saveBotSettings } from '../../src/modules/bot/settings.js';
import { useBrowserApp } from './browserApp.js';
import { browserSkipReason } from './chromium.js';
import { ChatWidget } from './pages/chatWidget.js';

const skip = browserSkipReason();

describe('chat widget in Chromium', () => {
  const env = useBrowserApp();

  it('on the demo page a guest starts a chat, sends a message, sees the agent\'s API reply, and keeps the chat after a reload', { skip }, async () => {
    const { app, browser, baseUrl } = env;
    // The transport is under test here; the bot's answers have their own tests.
    await saveBotSettings(app.ctx.db, { ...defaultBotSettings, enabled: false });
    await seedArticles(app.ctx, ['security-alert-telegram-impersonation']);
    const context = await browser.newContext({ viewport: { width: 1100, height: 800 }, locale: 'en-US' });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    const widget = new ChatWidget(page, baseUrl);
    await widget.openDemo();
    await widget.open();
    // The desk's published security alert (a fake "support" account) is in the widget, linked to the help center.
    const notice = widget.notices().getByRole('link', { name: /fake support agents/i });
    assert.match((await notice.getAttribute('href')) ?? '', /\/help\/en\/articles\/security-alert-telegram-impersonation$/);
    await widget.start('Deposit not credited', 'My USDT deposit has not arrived', 'trader@example.test');
    await widget.send('TxID 0x9f2c <b>not bold</b>');
    await widget.conversation().getByText('TxID 0x9f2c <b>not bold</b>').waitFor();
    const number = (await widget.followLink().textContent())?.match(/LD-\d+/)?.[0];
    assert.ok(number, 'the follow link names the ticket');

    const { headers } = await agentWithToken(app.ctx);
    const res = await app.http.inject({ method: 'POST', url: `/api/v1/tickets/${number}/messages`, headers, payload: { body: 'We found your deposit; it is credited now.' } });
    assert.equal(res.statusCode, 201, res.body);
    await widget.conversation().getByText('We found your deposit; it is credited now.').waitFor();
    assert.equal(await widget.window().getByRole('button', { name: 'Talk to a person' }).count(), 1);

    // A reload resumes the same chat from the server, history included.
    await page.reload();
    await widget.open();
    await widget.conversation().getByText('We found your deposit; it is credited now.').waitFor();
    assert.equal(await widget.conversation().getByText('My USDT deposit has not arrived').count(), 1);
    assert.deepEqual(violations, []);
    await context.close();
  });

  it('a private key typed into the chat is removed, and the widget says so as an alert with what to do', { skip }, async () => {
    const { app, browser, baseUrl } = env;
    await saveBotSettings(app.ctx.db, { ...defaultBotSettings, enabled: false });
    await seedArticles(app.ctx, ['security-alert-telegram-impersonation']);
    const context = await browser.newContext({ viewport: { width: 1100, height: 800 }, locale: 'en-US' });
    const page = await context.newPage();
    const widget = new ChatWidget(page, baseUrl);
    await widget.openDemo();
    await widget.open();
    await widget.start('Deposit not credited', 'My withdrawal is stuck', 'trader-key@example.test');
    const key = 'e9873d79c6d87dc0fb6a5778633389f4453213303da61f20bd67fc233aa33262';
    await widget.send(`my private key is ${key}, can you check my wallet?`);
    const alert = widget.conversation().getByRole('alert');
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? '', /Security warning[\s\S]*removed: private key[\s\S]*move your funds to a new wallet/);
    await widget.conversation().getByText('removed: private key').first().waitFor();
    assert.equal(await widget.conversation().getByText(key, { exact: false }).count(), 0, 'the key is gone from the customer\'s own message too');
    await context.close();
  });
});
