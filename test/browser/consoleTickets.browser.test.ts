import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { consoleAssets } from '../../src/modules/console/consoleAssets.js';
import { createTeam } from '../../src/modules/routing/testKit.js';
import { createTicket } from '../../src/modules/tickets/testKit.js';
import { agentWithToken } from '../factories.js';
import { useBrowserApp } from './browserApp.js';
import { browserSkipReason } from './chromium.js';
import { ConsoleInbox, ConsoleTicket, openConsoleAs } from './pages/consolePages.js';

const skip = browserSkipReason();

/** The inbox's bulk actions and merging a ticket, in the console against the real API. */
describe('console bulk actions and merge in Chromium', () => {
  const env = useBrowserApp();
  before(async () => {
    if (!skip) await consoleAssets();
  });

  it('bulk assign: selects rows, assigns them to a colleague, and refuses a bad tag beside the field', { skip }, async () => {
    const { app, browser, baseUrl } = env;
    const me = await agentWithToken(app.ctx);
    const colleague = await agentWithToken(app.ctx);
    await app.ctx.db.updateTable('agents').set({ name: 'Park Jiwoo' }).where('id', '=', colleague.agent.id).execute();
    const sup = (await agentWithToken(app.ctx, 'supervisor')).headers;
    await createTeam(app, sup, { name: 'Deposits', members: [me.agent.id, colleague.agent.id] });
    const tag = `bulk${randomBytes(3).toString('hex')}`;
    const [a, b, c] = [
      await createTicket(app, me.headers, { tags: [tag], subject: 'USDT deposit missing' }),
      await createTicket(app, me.headers, { tags: [tag], subject: 'ETH deposit missing' }),
      await createTicket(app, me.headers, { tags: [tag], subject: 'Unrelated fee question' }),
    ];

    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const inbox = await ConsoleInbox.signedIn(context, app.ctx, baseUrl, me.agent.id, `/console/inbox?view=all&tag=${tag}`);
    await inbox.row(a.number).waitFor();
    await inbox.select(a.number);
    await inbox.select(b.number);
    const bar = inbox.bulkBar();
    await bar.getByRole('status').filter({ hasText: '2 selected' }).waitFor();
    await bar.getByLabel('Assign to').selectOption({ label: 'Park Jiwoo' });
    await bar.getByRole('button', { name: 'Assign' }).click();
    await inbox.row(a.number).getByText('Park Jiwoo').waitFor();
    await inbox.row(b.number).getByText('Park Jiwoo').waitFor();
    for (const t of [a, b]) {
      const ticket = (await app.http.inject({ url: `/api/v1/tickets/${t.number}`, headers: me.headers })).json();
      assert.equal(ticket.assignee?.id, colleague.agent.id);
    }
    const untouched = (await app.http.inject({ url: `/api/v1/tickets/${c.number}`, headers: me.headers })).json();
    assert.equal(untouched.assignee, null);

    // The selection stays for the next action. A tag is checked before sending; the message sits under the field.
    await inbox.select(c.number);
    const tagField = bar.getByLabel('Tag', { exact: true });
    await tagField.fill('vip customer');
    await bar.getByRole('button', { name: 'Add tag' }).click();
    const described = await tagField.getAttribute('aria-describedby');
    assert.match((await inbox.page.locator(`[id="${described}"]`).textContent()) ?? '', /letters, digits/);
    await tagField.fill('vip');
    await bar.getByRole('button', { name: 'Add tag' }).click();
    await bar.getByRole('status').filter({ hasText: '3 updated.' }).waitFor();
    await inbox.row(c.number).getByText('#vip').waitFor();
    await context.close();
  });

  it('merges a ticket into another by number, with the server’s refusal under the field', { skip }, async () => {
    const { app, browser, baseUrl } = env;
    const me = await agentWithToken(app.ctx);
    const email = `merge-${randomBytes(3).toString('hex')}@example.test`;
    const source = await createTicket(app, me.headers, { subject: 'Withdrawal stuck (second message)', customer: { email } });
    const target = await createTicket(app, me.headers, { subject: 'Withdrawal stuck', customer: { email } });

    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const browserPage = await openConsoleAs(context, app.ctx, baseUrl, me.agent.id, `/console/tickets/${source.number}`);
    const page = new ConsoleTicket(browserPage);
    await page.heading().filter({ hasText: source.number }).waitFor();

    const field = await page.mergeInto(source.number);
    assert.equal(await browserPage.locator(`[id="${await field.getAttribute('aria-describedby')}"]`).textContent(), 'A ticket cannot be merged into itself.');
    await page.mergeInto('LD-999999');
    await browserPage.getByText('No ticket has this id or number.').waitFor();
    assert.equal(await field.getAttribute('aria-invalid'), 'true');

    await page.mergeInto(target.number);
    await browserPage.getByRole('status').filter({ hasText: `Merged into ${target.number}` }).waitFor();
    const merged = (await app.http.inject({ url: `/api/v1/tickets/${source.number}`, headers: me.headers })).json();
    assert.equal(merged.mergedInto?.number, target.number);
    await browserPage.getByRole('link', { name: `Open ${target.number}` }).click();
    await page.heading().filter({ hasText: target.number }).waitFor();
    await context.close();
  });
});
