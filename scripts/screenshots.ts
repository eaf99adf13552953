/**
 * `npm run screenshots`: drives Chromium (/usr/bin/chromium) through the console's screens on a
 * fresh database with the demo content and writes PNGs to docs/screenshots/ (the README shows
 * them). Signs the admin in by session cookie; the sign-in screen itself is shot signed out.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { chromium, type Locator, type Page } from 'playwright-core';
import { buildApp } from '../src/app.js';
import { recordEvent } from '../src/platform/bus/outbox.js';
import { loadConfig } from '../src/config.js';
import { randomToken, sha256Hex } from '../src/platform/crypto.js';
import { customer, startChat } from '../src/modules/channels/chat/chatTesting.js';
import { SESSION_COOKIE } from '../src/modules/identity/http/authenticate.js';
import { projectPath } from '../src/platform/paths.js';

const out = projectPath('docs', 'screenshots');
mkdirSync(out, { recursive: true });
const dataDir = mkdtempSync(join(tmpdir(), 'ledgerdesk-screenshots-'));
const app = await buildApp(
  loadConfig({ DATABASE_URL: `sqlite:${join(dataDir, 'demo.db')}`, DATA_DIR: dataDir, LOG_LEVEL: 'silent', SEED_DEMO: 'true', SEED_HELP_CENTER: 'true', LEDGERDESK_ADMIN_PASSWORD: 'screenshots-admin-password' }),
  { logger: pino({ level: 'silent' }) },
);
const admin = await app.ctx.db.selectFrom('agents').select('id').where('role', '=', 'admin').executeTakeFirstOrThrow();
const cookie = randomToken();
const now = new Date();
const csrf = randomToken();
await app.ctx.db.insertInto('sessions').values({
  id: sha256Hex(cookie), subject_type: 'agent', subject_id: admin.id, csrf_token: csrf, stage: 'full', ip: '127.0.0.1', user_agent: 'screenshots',
  created_at: now.toISOString(), expires_at: new Date(now.getTime() + 3600_000).toISOString(), last_seen_at: now.toISOString(),
}).execute();
const baseUrl = await app.http.listen({ port: 0, host: '127.0.0.1' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });

try {
  const anonymous = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const login = await anonymous.newPage();
  await login.goto(`${baseUrl}/console`);
  await login.getByRole('button', { name: 'Sign in' }).waitFor();
  await login.screenshot({ path: join(out, 'console-sign-in.png') });
  await anonymous.close();

  for (const [locale, name] of [['en', 'English'], ['zh-CN', '中文'], ['ko', '한국어']] as const) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    await context.addCookies([{ name: SESSION_COOKIE, value: cookie, url: baseUrl }]);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/console/inbox?view=all`);
    await page.locator('.ticket-row').first().waitFor();
    await page.getByLabel(/^(Interface language|界面语言|화면 언어)$/).selectOption({ label: name });
    await page.locator('html').and(page.locator(`[lang="${locale}"]`)).waitFor({ state: 'attached' });
    await page.screenshot({ path: join(out, `console-inbox-${locale}.png`) });
    if (locale === 'en') {
      await page.locator('.ticket-link').first().click();
      await page.getByRole('list', { name: 'Conversation' }).waitFor();
      await page.screenshot({ path: join(out, 'console-ticket-en.png') });
    }
    await context.close();
  }

  // The other screens, in English (the language picked last above is on the admin's profile): each path and what shows once it has loaded.
  await app.ctx.db.updateTable('agents').set({ locale: 'en' }).where('id', '=', admin.id).execute();
  const demo = await app.ctx.db.selectFrom('tickets').innerJoin('customers', 'customers.id', 'tickets.customer_id').select('tickets.number')
    .where('customers.external_id', '=', '58213907').orderBy('tickets.created_at', 'desc').executeTakeFirst();
  const screens: [string, string, (p: Page) => Locator][] = [
    ...(demo ? [[`/console/tickets/${demo.number}`, 'console-workspace-exchange', (p: Page) => p.getByRole('region', { name: 'Exchange account' }).getByText('UID')] as [string, string, (p: Page) => Locator]] : []),
    ['/console/chats', 'console-live-chats', (p) => p.getByRole('heading', { level: 1 })],
    ['/console/supervisor', 'console-supervisor', (p) => p.getByRole('heading', { level: 1 })],
    ['/console/admin/agents', 'console-admin-agents', (p) => p.getByRole('table').first()],
    ['/console/admin/help-center', 'console-help-center-editor', (p) => p.getByRole('heading', { level: 1 })],
    ['/console/admin/bot', 'console-bot', (p) => p.getByRole('heading', { level: 1 })],
    ['/console/callbacks', 'console-callbacks', (p) => p.getByRole('heading', { level: 1 })],
  ];
  // A team with the admin in it, and two customers who ask the widget's bot for a person:
  // their chats wait in that team's queue, on the live-chats screen and on the board.
  const team = await app.http.inject({
    method: 'POST', url: '/api/v1/teams', cookies: { [SESSION_COOKIE]: cookie }, headers: { 'x-csrf-token': csrf },
    payload: { name: 'Deposits & withdrawals', languages: ['en', 'zh-CN'], members: [admin.id] },
  });
  if (team.statusCode !== 201) throw new Error(`team: ${team.statusCode} ${team.body}`);
  // Online with one slot: the first chat is the admin's, the second waits (with nobody online, chats leave a message).
  await app.http.inject({ method: 'PUT', url: '/api/v1/agents/me/availability', cookies: { [SESSION_COOKIE]: cookie }, headers: { 'x-csrf-token': csrf }, payload: { status: 'online', maxChats: 1 } });
  const widgets = await Promise.all(['I need a real person: my withdrawal has been on review for 20 hours', '我要人工客服，充值没有到账'].map(async (body) => {
    const socket = await customer(baseUrl);
    const { chat } = await startChat(socket.client, body);
    // What the bot's "talk to a person" records; routing then assigns or queues the chat.
    await app.ctx.transaction((trx) => recordEvent(trx, 'chat.handover_requested', { ticketId: chat.chatId, reason: 'customer' }));
    return socket.client;
  }));
  for (let i = 0; i < 3; i++) await app.ctx.relay.drain();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  await context.addCookies([{ name: SESSION_COOKIE, value: cookie, url: baseUrl }]);
  const page = await context.newPage();
  for (const [path, file, ready] of screens) {
    await page.goto(`${baseUrl}${path}`);
    // A screen this build does not have (no link in the top bar) is left out rather than shot empty.
    await page.waitForLoadState('networkidle');
    const link = page.locator(`header a[href="${path}"]`);
    if (path.split('/').length === 3 && !(await link.count())) continue;
    await ready(page).first().waitFor();
    await ready(page).first().scrollIntoViewIfNeeded();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(out, `${file}.png`) });
  }
  await context.close();
  for (const w of widgets) w.close();
  process.stdout.write(`screenshots written to ${out}\n`);
} finally {
  await browser.close();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
