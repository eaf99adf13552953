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
import { ConsoleWorkspace } from './pages/consoleWorkspace.js';

const skip = browserSkipReason();

/** The inbox's bulk actions, merging a ticket, and the workspace's tools, in the console against the real API. */
describe('console bulk actions, merge and the workspace in Chromium', () => {
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

  it('workspace: a macro previewed and applied, files attached and previewed, category and fields edited, the account frozen with a reason and unfrozen by a second supervisor', { skip }, async () => {
    const { app, browser, baseUrl } = env;
    const me = await agentWithToken(app.ctx);
    const macro = await app.http.inject({
      method: 'POST', url: '/api/v1/macros', headers: me.headers,
      payload: { name: 'Ask for the TxID and wait', personal: true, actions: { reply: { bodies: { en: 'Please send us the TxID of your transfer.' } }, status: 'pending', addTags: ['need-txid'] } },
    });
    assert.equal(macro.statusCode, 201, macro.body);
    const ticket = await createTicket(app, me.headers, { category: 'account', fields: {}, subject: 'Strange login on my account', customer: { externalId: '60177342' }, assigneeId: me.agent.id });

    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const browserPage = await openConsoleAs(context, app.ctx, baseUrl, me.agent.id, `/console/tickets/${ticket.number}`);
    const page = new ConsoleTicket(browserPage);
    const work = new ConsoleWorkspace(browserPage);
    await page.heading().filter({ hasText: ticket.number }).waitFor();

    // Macro: the preview names every change; applying it replies, sets pending and tags, in one go.
    const preview = await work.previewMacro('Ask for the TxID and wait');
    await preview.getByText('Please send us the TxID of your transfer.').waitFor();
    await preview.getByText(/Status: (New|Open) → Awaiting customer/).waitFor();
    await preview.getByText('Add tags #need-txid').waitFor();
    await preview.getByRole('button', { name: 'Apply macro' }).click();
    await page.message(/^(?!Internal note)/).filter({ hasText: 'Please send us the TxID of your transfer.' }).waitFor();
    await browserPage.getByRole('status').filter({ hasText: 'Macro applied.' }).waitFor();
    assert.equal(await page.status().inputValue(), 'pending');

    // Files: an image shows as a thumbnail that opens larger; a PDF opens in a tab; sizes shown.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    await work.attach({ name: 'login-alert.png', mimeType: 'image/png', buffer: png });
    await work.attach({ name: 'statement.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') });
    await browserPage.getByRole('list', { name: 'Files to send' }).getByRole('listitem').nth(1).waitFor();
    await page.write('Internal note (agents only)', 'Customer sent the alert e-mail and a statement.');
    const note = page.message(/^Internal note/).filter({ hasText: 'Customer sent the alert' });
    await note.getByRole('link', { name: 'statement.pdf (PDF, opens in a new tab)' }).waitFor();
    await note.getByRole('button', { name: 'Open login-alert.png larger' }).click();
    const dialog = browserPage.getByRole('dialog', { name: 'login-alert.png' });
    await dialog.getByRole('img', { name: 'login-alert.png' }).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Category: a deposit asks for its fields; a bad TxID is refused beside the field before sending.
    const form = work.categoryForm();
    await form.getByLabel('Category').selectOption({ label: 'Deposit not credited' });
    await form.getByLabel(/^Coin/).fill('USDT');
    await form.getByLabel(/^Network/).fill('TRC20');
    await form.getByLabel(/^Amount/).fill('1250.5');
    await form.getByLabel(/^Deposit address|^Address/).fill('TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE');
    const txHash = form.getByLabel(/^Transaction hash|^TxID/);
    await txHash.fill('not-a-hash');
    await form.getByRole('button', { name: 'Save category and details' }).click();
    assert.match(await work.errorOf(txHash), /Not a transaction hash/);
    await txHash.fill('4393e51c7c9ed2ff1023647ba2d435027cebcf90e6fd996b48da070aaff4b903');
    await form.getByRole('button', { name: 'Save category and details' }).click();
    await work.timelineEvent(/changed the category: Account → Deposit/).waitFor();
    const saved = (await app.http.inject({ url: `/api/v1/tickets/${ticket.number}`, headers: me.headers })).json();
    assert.deepEqual([saved.category, saved.fields.txHash, saved.tags], ['deposit', '4393e51c7c9ed2ff1023647ba2d435027cebcf90e6fd996b48da070aaff4b903', ['need-txid']]);

    // The agent guard: a reply asking for a code is held back, shown, and put on the timeline.
    await page.write('Reply to customer', 'To unfreeze your account, please send me the SMS verification code you just received.');
    await browserPage.getByRole('alert').filter({ hasText: /Support never asks customers for this/ }).waitFor();
    await work.timelineEvent(/The agent guard held back a reply/).waitFor();
    assert.equal(await browserPage.getByRole('button', { name: /Send anyway/ }).count(), 0, 'only supervisors may override');
    await browserPage.getByLabel('Message', { exact: true }).fill('');

    // Freeze: the reason is required; the timeline then says who froze which account and why.
    const panel = work.exchange();
    await panel.getByRole('button', { name: 'Freeze account' }).click();
    const reason = panel.getByLabel(/Why must the account be frozen/);
    await reason.fill('hacked');
    await panel.getByRole('button', { name: 'Freeze now' }).click();
    assert.match(await work.errorOf(reason), /at least 10 characters/);
    await reason.fill('Customer did not make the login from a new device in Lagos');
    await panel.getByRole('button', { name: 'Freeze now' }).click();
    await work.timelineEvent(/froze exchange account 60177342\. Reason: Customer did not make the login/).waitFor();
    await panel.getByText('Frozen', { exact: true }).waitFor();
    await panel.getByRole('button', { name: 'Request unfreeze' }).waitFor();
    assert.equal(await panel.getByRole('button', { name: 'Freeze account' }).count(), 0, 'the server no longer offers a freeze');

    // Four eyes: the requester sees their request waiting; a second supervisor approves it from the board.
    await panel.getByRole('button', { name: 'Request unfreeze' }).click();
    await panel.getByLabel(/Why is it safe to unfreeze/).fill('Identity re-verified by a code to the bound phone; password and 2FA reset');
    await panel.getByRole('button', { name: 'Send for approval' }).click();
    const mine = panel.getByRole('region', { name: 'Unfreeze requests waiting for a second approver' });
    await mine.getByText(/Waiting for another supervisor/).waitFor();
    assert.equal(await mine.getByRole('button', { name: 'Approve unfreeze' }).count(), 0, 'the requester cannot approve');
    await work.timelineEvent(/requested an unfreeze of account 60177342/).waitFor();
    const sup = await agentWithToken(app.ctx, 'supervisor');
    const supContext = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const board = await openConsoleAs(supContext, app.ctx, baseUrl, sup.agent.id, '/console/supervisor');
    const pending = board.getByRole('region', { name: 'Unfreeze requests waiting for a second approver' });
    await pending.getByRole('link', { name: ticket.number }).waitFor();
    await pending.getByRole('button', { name: 'Approve unfreeze' }).click();
    await pending.waitFor({ state: 'detached' });
    const after = (await app.http.inject({ url: `/api/v1/tickets/${ticket.id}/exchange`, headers: me.headers })).json();
    assert.equal(after.account.status, 'active');
    await supContext.close();
    await context.close();
  });
});
