/**
 * `npm run screenshots`: drives Chromium (/usr/bin/chromium) through the console's screens on a
 * fresh database with the demo content and writes PNGs to docs/screenshots/ (the README shows
 * them). Signs the admin in by session cookie; the sign-in screen itself is shot signed out.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { chromium } from 'playwright-core';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { randomToken, sha256Hex } from '../src/platform/crypto.js';
import { SESSION_COOKIE } from '../src/modules/identity/http/authenticate.js';
import { projectPath } from '../src/platform/paths.js';

const out = projectPath('docs', 'screenshots');
mkdirSync(out, { recursive: true });
const dataDir = mkdtempSync(join(tmpdir(), 'ledgerdesk-screenshots-'));
const app = await buildApp(
  loadConfig({ DATABASE_URL: `sqlite:${join(dataDir, 'demo.db')}`, DATA_DIR: dataDir, LOG_LEVEL: 'silent', SEED_DEMO: 'true', SEED_HELP_CENTER: 'false', LEDGERDESK_ADMIN_PASSWORD: 'screenshots-admin-password' }),
  { logger: pino({ level: 'silent' }) },
);
const admin = await app.ctx.db.selectFrom('agents').select('id').where('role', '=', 'admin').executeTakeFirstOrThrow();
const cookie = randomToken();
const now = new Date();
await app.ctx.db.insertInto('sessions').values({
  id: sha256Hex(cookie), subject_type: 'agent', subject_id: admin.id, csrf_token: randomToken(), stage: 'full', ip: '127.0.0.1', user_agent: 'screenshots',
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
  process.stdout.write(`screenshots written to ${out}\n`);
} finally {
  await browser.close();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
