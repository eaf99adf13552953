import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import { consoleAssets } from '../../src/modules/console/consoleAssets.js';
import { createArticle, createTaxonomy } from '../../src/modules/helpcenter/testKit.js';
import { agentWithToken, createAgent } from '../factories.js';
import { useBrowserApp } from './browserApp.js';
import { browserSkipReason } from './chromium.js';
import { ConsoleAdmin } from './pages/consoleAdmin.js';
import { ConsoleInbox, ConsoleLogin, openConsoleAs } from './pages/consolePages.js';

const skip = browserSkipReason();
const codeAt = (secret: string) => new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate();

/** The admin area against the real API: what an admin sets up, the people they add can use. */
describe('console admin in Chromium', () => {
  // Supervisors must enrol two-factor here, so the new supervisor's first sign-in includes it.
  const env = useBrowserApp({ REQUIRE_2FA_ROLES: 'admin,supervisor' });
  before(async () => {
    if (!skip) await consoleAssets();
  });

  it('admin creates a team and an agent who can then log in', { skip }, async () => {
    const { app, browser, baseUrl } = env;
    const admin = await createAgent(app.ctx, { role: 'admin', name: 'Chen Jing' });
    const suffix = randomBytes(3).toString('hex');
    const email = `kim.minji.${suffix}@desk.example`;
    const teamName = `KYC Korea ${suffix}`;

    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const page = await openConsoleAs(context, app.ctx, baseUrl, admin.id, '/console/inbox');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    const ui = new ConsoleAdmin(page);
    await ui.open('Agents');

    // Checked before sending, then the server's refusal beside the field it names.
    const form = ui.form('New agent');
    await form.getByRole('button', { name: 'Create agent' }).click();
    assert.equal(await ui.fieldError(form.getByLabel('Name')), 'Enter the agent\'s name.');
    await form.getByLabel('Name').fill('Kim Minji');
    await form.getByLabel('Sign-in email').fill(admin.email);
    await form.getByRole('button', { name: 'Create agent' }).click();
    await form.getByText('An agent with this email already exists.').waitFor();
    assert.equal(await ui.fieldError(form.getByLabel('Sign-in email')), 'An agent with this email already exists.');

    await form.getByLabel('Sign-in email').fill(email);
    await form.getByLabel('Role').selectOption({ label: 'Supervisor' });
    await form.getByLabel('Console language').selectOption({ label: '한국어' });
    await form.getByRole('button', { name: 'Create agent' }).click();
    await ui.status('Kim Minji can now sign in.').waitFor();
    const password = ((await page.locator('code.secret').textContent()) ?? '').trim();
    assert.ok(password.length >= 12, password);
    await ui.row('Agents', 'Kim Minji').getByText(email).waitFor();
    const created = await app.ctx.db.selectFrom('agents').select(['id', 'role', 'locale']).where('email', '=', email).executeTakeFirstOrThrow();
    assert.deepEqual([created.role, created.locale], ['supervisor', 'ko']);

    await ui.open('Teams');
    await page.getByRole('button', { name: 'New team' }).click();
    const team = ui.form('New team');
    await team.getByLabel('Team name').fill(teamName);
    await team.getByRole('group', { name: /Customer languages/ }).getByLabel('Korean', { exact: true }).check();
    await team.getByRole('group', { name: /Ticket categories/ }).getByLabel('Identity verification (KYC)').check();
    await team.getByLabel('Time zone (IANA)').fill('Korea/Seoul');
    await team.getByLabel('Opens on Saturday').waitFor({ state: 'attached' });
    await team.getByRole('group', { name: 'Members' }).getByLabel('Kim Minji').check();
    await team.getByRole('button', { name: 'Save team' }).click();
    // Not a time zone: the server's message sits under the field.
    assert.match(await ui.fieldError(team.getByLabel('Time zone (IANA)')), /IANA time zone/);
    await team.getByLabel('Time zone (IANA)').fill('Asia/Seoul');
    await team.getByRole('button', { name: 'Save team' }).click();
    await ui.status(`Team ${teamName} saved.`).waitFor();
    const row = ui.row('Teams', teamName);
    await row.getByText('Kim Minji').waitFor();
    await row.getByText('5 opening windows (Asia/Seoul)').waitFor();

    const { headers } = await agentWithToken(app.ctx, 'supervisor');
    const teams = (await app.http.inject({ url: '/api/v1/teams?limit=100', headers })).json().items as { name: string; languages: string[]; categories: string[]; members: { id: string }[]; hours: { timezone: string } }[];
    const saved = teams.find((t) => t.name === teamName)!;
    assert.deepEqual([saved.languages, saved.categories, saved.members.map((m) => m.id), saved.hours.timezone], [['ko'], ['kyc'], [created.id], 'Asia/Seoul']);
    await context.close();

    // The new supervisor signs in with the first password, sets up two-step verification, and finds the team.
    const theirs = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const own = await theirs.newPage();
    const login = new ConsoleLogin(own, baseUrl);
    await login.open();
    await login.signIn(email, password);
    await own.getByRole('heading', { name: 'Set up two-step verification' }).waitFor();
    const secret = ((await own.getByLabel('Setup key').textContent()) ?? '').trim();
    await login.code().fill(codeAt(secret));
    await own.getByRole('button', { name: 'Turn on and continue' }).click();
    await own.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    await own.getByRole('button', { name: 'Continue to the inbox' }).click();
    // Their profile says Korean: the console follows it.
    await new ConsoleInbox(own, baseUrl).heading().filter({ hasText: '내 티켓' }).waitFor();
    await own.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '관리' }).click();
    await own.getByRole('navigation', { name: '관리 메뉴' }).getByRole('link', { name: '팀' }).click();
    await own.getByRole('table', { name: '팀' }).getByRole('rowheader', { name: teamName }).waitFor();
    // A supervisor is not offered the agents or widget screens (admins only).
    assert.equal(await own.getByRole('navigation', { name: '관리 메뉴' }).getByRole('link', { name: '상담원' }).count(), 0);
    await theirs.close();
  });

  it('an article edited and published in the console appears on the public help page', { skip }, async () => {
    const { app, browser, baseUrl } = env;
    const { agent, headers } = await agentWithToken(app.ctx, 'supervisor');
    await createTaxonomy(app, headers);
    const slug = `xrp-memo-${randomBytes(3).toString('hex')}`;
    await createArticle(app, headers, { slug }, false);

    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const page = await openConsoleAs(context, app.ctx, baseUrl, agent.id, '/console/admin/help-center');
    const ui = new ConsoleAdmin(page);
    await page.getByRole('heading', { level: 1, name: 'Help center' }).waitFor();
    await page.getByRole('search').getByLabel('Title or slug').fill(slug);
    await page.getByRole('search').getByLabel('Title or slug').press('Enter');
    await ui.row('Articles', 'Deposited XRP without a memo').getByText('Draft').waitFor();
    await page.getByRole('link', { name: 'Deposited XRP without a memo' }).click();

    const form = ui.form('Edit the English text');
    await form.getByLabel('Title').fill('Deposited XRP without a memo or tag');
    await form.getByLabel(/^Summary/).fill('');
    await form.getByRole('button', { name: 'Save translation' }).click();
    assert.equal(await ui.fieldError(form.getByLabel(/^Summary/)), 'Write a one- or two-sentence summary.');
    await form.getByLabel(/^Summary/).fill('XRP deposits need the destination tag (memo) from the deposit page; send us the TxID if you forgot it.');
    await form.getByLabel('Body (Markdown)').fill('## Recover the deposit\n\n<script>alert(1)</script>\n\n**Send the TxID** and your UID in a ticket.');
    // The server renders the preview; raw HTML stays text.
    const preview = page.getByRole('article', { name: 'Preview (as on the help center)' });
    await preview.getByRole('heading', { name: 'Recover the deposit' }).waitFor();
    await preview.getByText('<script>alert(1)</script>').waitFor();
    assert.equal(await preview.locator('strong').textContent(), 'Send the TxID');
    await form.getByRole('button', { name: 'Save translation' }).click();
    await ui.status('Saved as a new version.').waitFor();

    await page.getByLabel('Translation').selectOption({ label: '한국어 (not written yet)' });
    const ko = ui.form('Edit the 한국어 text');
    await ko.getByLabel('Title').fill('메모 없이 XRP를 입금했어요');
    await ko.getByLabel(/^Summary/).fill('XRP 입금에는 입금 페이지의 메모(태그)가 필요합니다. 빠뜨렸다면 TxID를 보내 주세요.');
    await ko.getByLabel('Body (Markdown)').fill('**TxID**와 UID를 문의에 적어 주세요.');
    await ko.getByRole('button', { name: 'Save translation' }).click();
    await ui.status('Saved as a new version.').waitFor();

    await page.getByRole('button', { name: 'Publish' }).click();
    await ui.status('Published. The article is live on the help center.').waitFor();
    await page.getByRole('link', { name: 'Open the public page' }).waitFor();

    const reader = await context.newPage();
    await reader.goto(`${baseUrl}/help/en/articles/${slug}`);
    await reader.getByRole('heading', { level: 1, name: 'Deposited XRP without a memo or tag' }).waitFor();
    await reader.getByText('Send the TxID').waitFor();
    await reader.goto(`${baseUrl}/help/ko/articles/${slug}`);
    await reader.getByRole('heading', { level: 1, name: '메모 없이 XRP를 입금했어요' }).waitFor();
    await context.close();
  });

  it('bot: adds an example to an intent and shows the server’s refusal of a broken flow beside it', { skip }, async () => {
    const { app, browser, baseUrl } = env;
    const admin = await createAgent(app.ctx, { role: 'admin' });
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const page = await openConsoleAs(context, app.ctx, baseUrl, admin.id, '/console/admin/bot');
    const ui = new ConsoleAdmin(page);
    await page.getByRole('heading', { level: 1, name: 'Bot intents & flows' }).waitFor();
    const { headers } = await agentWithToken(app.ctx, 'admin');
    const intents = (await app.http.inject({ url: '/api/v1/bot/intents?limit=100', headers })).json().items as { name: string; examples: Record<string, string[]> }[];
    const intent = intents[0]!;
    await page.getByRole('button', { name: `Examples of ${intent.name}` }).click();
    const form = ui.form(`Add an example to ${intent.name}`);
    await form.getByRole('button', { name: 'Add example' }).click();
    assert.equal(await ui.fieldError(form.getByLabel('New example')), 'Write how a customer might ask.');
    const example = `我的币 ${randomBytes(2).toString('hex')} 还没到账怎么办`;
    await form.getByLabel('New example').fill(example);
    await form.getByRole('button', { name: 'Add example' }).click();
    await page.getByRole('rowheader').getByText(example).waitFor();
    const after = (await app.http.inject({ url: `/api/v1/bot/intents/${intent.name}`, headers })).json().intent;
    assert.deepEqual(after.examples['zh-CN'], [...(intent.examples['zh-CN'] ?? []), example]);

    await page.getByRole('button', { name: 'deposit-not-credited' }).click();
    const flow = ui.form('Edit flow deposit-not-credited');
    const definition = flow.getByLabel('Definition (JSON)');
    await definition.fill('{ "start": ');
    await flow.getByRole('button', { name: 'Save flow' }).click();
    assert.match(await ui.fieldError(definition), /^Not valid JSON/);
    await definition.fill(JSON.stringify({ start: 'ask-coin', steps: { 'ask-coin': { type: 'message', text: { en: 'Which coin?' }, next: 'nowhere' } } }));
    await flow.getByRole('button', { name: 'Save flow' }).click();
    await page.waitForFunction(() => document.querySelector('textarea[aria-invalid="true"]') !== null);
    assert.match(await ui.fieldError(definition), /^definition\./);
    const kept = (await app.http.inject({ url: '/api/v1/bot/flows/deposit-not-credited', headers })).json().flow;
    assert.notEqual(kept.definition.start, undefined);
    assert.equal(kept.valid, true);
    await context.close();
  });
});
