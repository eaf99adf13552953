import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { consoleAssets } from '../../src/modules/console/consoleAssets.js';
import { PHONE_EVENTS_PATH } from '../../src/modules/channels/phone/http/webhookRoutes.js';
import { signatureHeadersFor } from '../../src/platform/http/signedRequests.js';
import { createAgent } from '../factories.js';
import { useBrowserApp } from './browserApp.js';
import { browserSkipReason } from './chromium.js';
import { ChatWidget } from './pages/chatWidget.js';
import { ConsoleCallbacks, WidgetCallbackForm } from './pages/callbackPages.js';
import { openConsoleAs } from './pages/consolePages.js';

const skip = browserSkipReason();
const CTI_SECRET = 'cti-secret-for-browser-tests-0123456789';

/**
 * Phone callbacks end to end: a customer asks for a call in the widget, an agent finds it in the
 * console's Callbacks screen, takes it, records "no answer" (the server puts it back in the
 * queue later) and then "reached"; an outcome another agent recorded first is refused under the field.
 */
describe('callbacks in Chromium: widget request → console queue → outcomes', () => {
  const env = useBrowserApp({ PHONE_WEBHOOK_SECRET: CTI_SECRET });
  before(async () => {
    if (skip) return;
    await consoleAssets();
  });

  it('a widget request is worked in the console queue: assign, no answer (rescheduled), reached', { skip }, async () => {
    const { app, browser, baseUrl } = env;
    const customer = await browser.newContext({ viewport: { width: 1100, height: 800 }, locale: 'en-US' });
    const widget = new ChatWidget(await customer.newPage(), baseUrl);
    await widget.openDemo();
    await widget.open();
    const form = new WidgetCallbackForm(widget.window());
    await form.open();
    await form.fill('010-5555-0199', 'Withdrawals', 'My USDT withdrawal has been pending since yesterday');
    await form.submit();
    // Checked in the widget: the number needs its country code, said under the field.
    await form.section().getByRole('alert').getByText('Enter the number with + and the country code').waitFor();
    assert.equal(await form.phone().getAttribute('aria-invalid'), 'true');
    await form.phone().fill('+82 10-5555-0199');
    await form.submit();
    const confirmed = (await form.confirmation().getByText(/ticket LD-\d+/).textContent()) ?? '';
    const number = /LD-\d+/.exec(confirmed)?.[0];
    assert.ok(number, confirmed);
    await customer.close();

    // A second request, due later, that another agent will close while ours is typing its outcome.
    const later = await app.http.inject({
      method: 'POST', url: '/api/v1/callbacks', remoteAddress: '10.88.0.2',
      payload: { phone: '+447700900555', topic: 'kyc', preferredFrom: new Date(Date.now() + 3600_000).toISOString(), preferredTo: new Date(Date.now() + 7200_000).toISOString() },
    });
    assert.equal(later.statusCode, 201, later.body);
    const other = later.json() as { id: string; ticketNumber: string };

    const me = await createAgent(app.ctx, { name: 'Mina Park' });
    const agent = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    const page = await openConsoleAs(agent, app.ctx, baseUrl, me.id, '/console/inbox?view=all');
    const queue = new ConsoleCallbacks(page);
    await queue.openFromNavigation();
    const row = queue.row(number);
    await row.getByText('+821055550199').waitFor();
    await row.getByText('Overdue').waitFor();
    const rows = await page.getByRole('row').allTextContents();
    assert.ok(rows.findIndex((r) => r.includes(number)) < rows.findIndex((r) => r.includes(other.ticketNumber)), 'earliest due first');

    assert.equal(await row.getByRole('link', { name: number }).getAttribute('href'), `/console/tickets/${number}`);
    await queue.assignToMe(number);
    await row.getByText('Taken by Mina Park').waitFor();

    const outcome = await queue.openOutcome(number);
    await outcome.getByRole('button', { name: 'Save outcome' }).click();
    await outcome.getByRole('alert').getByText('Choose how the call went.').waitFor();
    await outcome.getByRole('button', { name: 'Cancel' }).click();

    await queue.recordOutcome(number, 'No answer', 'Voicemail, left no message');
    await queue.notice().getByText(new RegExp(`No answer on try 1 for ${number}: it is back in the queue`)).waitFor();
    await row.getByText('tries so far: 1').waitFor();
    await row.getByText('Overdue').waitFor({ state: 'detached' });

    await queue.recordOutcome(number, 'Reached the customer', 'Explained the withdrawal review; customer satisfied');
    await queue.notice().getByText(`Callback for ${number} recorded: Reached.`).waitFor();
    await row.waitFor({ state: 'detached' });
    const stored = await app.ctx.db.selectFrom('callback_requests').innerJoin('tickets', 'tickets.id', 'callback_requests.ticket_id')
      .select(['callback_requests.state', 'callback_requests.attempts']).where('tickets.number', '=', number).executeTakeFirstOrThrow();
    assert.deepEqual(stored, { state: 'done', attempts: 2 });

    // The server's refusal shows under the field it names: a colleague reached the customer first.
    // The colleague's outcome is written straight to the row: through the API its live ticket event
    // would refresh the queue and take the row (and this open form) away before the click, as it should.
    const open = await queue.openOutcome(other.ticketNumber);
    await app.ctx.db.updateTable('callback_requests').set({ state: 'done', outcome: 'reached' }).where('id', '=', other.id).execute();
    await open.getByRole('radio', { name: 'Wrong number' }).check();
    await open.getByRole('button', { name: 'Save outcome' }).click();
    await open.getByRole('group', { name: 'How did the call go?' }).getByRole('alert').getByText('This callback is already done.').waitFor();

    // The ticket workspace: the request with its outcome, then the call (agent, talk time, recording, notes) as it is logged, and both in the timeline.
    // Opened by address: its row leaves the open queue as soon as the colleague's outcome reaches the screen live.
    await page.goto(`${baseUrl}/console/tickets/${other.ticketNumber}`);
    const calls = page.getByRole('region', { name: 'Calls' });
    await calls.getByText(/\+447700900555 · due .* · Reached/).waitFor();
    // The colleague's call, as the telephony system reports it, lands on the request's ticket, open on screen.
    const call = JSON.stringify({
      event: 'ended', callId: 'browser-cb-1', direction: 'outbound', from: '+8215880000', to: '+447700900555', occurredAt: new Date().toISOString(),
      agentEmail: me.email, answered: true, durationSeconds: 252, recordingUrl: 'https://pbx.example/recordings/browser-cb-1.mp3',
    });
    const reported = await app.http.inject({ method: 'POST', url: PHONE_EVENTS_PATH, payload: call, headers: { 'content-type': 'application/json', ...signatureHeadersFor(CTI_SECRET, [call]) } });
    assert.equal(reported.statusCode, 202, reported.body);
    for (let i = 0; i < 3; i++) await app.ctx.relay.drain();

    await calls.getByText('Outbound').waitFor();
    await calls.getByText('Mina Park · 4:12').waitFor();
    assert.equal(await calls.getByRole('link', { name: 'Recording' }).getAttribute('href'), 'https://pbx.example/recordings/browser-cb-1.mp3');
    await calls.getByLabel('Call notes').fill('Customer re-uploaded the KYC documents while on the phone');
    await calls.getByRole('button', { name: 'Save notes' }).click();
    await calls.getByRole('status').getByText('Saved.').waitFor();
    const noted = await app.ctx.db.selectFrom('calls').select('notes').where('provider_call_id', '=', 'browser-cb-1').executeTakeFirstOrThrow();
    assert.equal(noted.notes, 'Customer re-uploaded the KYC documents while on the phone');
    await page.getByText('Outbound call to +447700900555 (4:12)').waitFor();
    await page.getByText(/Callback requested for \+447700900555, due/).waitFor();
    await agent.close();

    // Customers who read the help center find the callback form from "Still need help?".
    const help = await app.http.inject({ url: '/help/en/search?q=zzqxv' });
    assert.match(help.body, /href="\/callback\?lang=en">Request a phone callback</);
  });
});
