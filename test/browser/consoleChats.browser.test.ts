import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defaultBotSettings, saveBotSettings } from '../../src/modules/bot/settings.js';
import { consoleAssets } from '../../src/modules/console/consoleAssets.js';
import { customer, startChat } from '../../src/modules/channels/chat/chatTesting.js';
import { agentOn, chatOf, createChat, createTeam, requestHandover, setAvailability } from '../../src/modules/routing/testKit.js';
import { agentWithToken } from '../factories.js';
import { useBrowserApp } from './browserApp.js';
import { browserSkipReason } from './chromium.js';
import { ChatWidget } from './pages/chatWidget.js';
import { ConsoleChats, SupervisorBoard, transfer, type ConsoleChat } from './pages/consoleChats.js';
import { openConsoleAs } from './pages/consolePages.js';

const skip = browserSkipReason();

/**
 * Live chat in the console, everything real: the customer's widget in its own browser context,
 * routing queues the chat, the agent accepts it in the console and both sides talk and type.
 * Each test routes chats in its own language, so one test's teams never take another's chats.
 */
describe('console live chats in Chromium', () => {
  const env = useBrowserApp();
  before(async () => {
    if (skip) return;
    await consoleAssets();
    // Handover is what is under test: the customer asks for a person at once.
    await saveBotSettings(env.app.ctx.db, { ...defaultBotSettings, enabled: false });
  });

  it('a waiting customer is accepted from the queue, answered live both ways with typing, and transferred', { skip }, async () => {
    const { app, browser, baseUrl } = env;
    const sup = (await agentWithToken(app.ctx, 'supervisor')).headers;
    const team = await createTeam(app, sup, { name: 'English desk', languages: ['en'] });
    // The only online member is full, so the next chat waits in the queue.
    const busy = await agentOn(app, [team], { maxChats: 1 });
    const first = await createChat(app, { locale: 'en' });
    await requestHandover(app, first.ticketId, { locale: 'en' });
    assert.equal((await chatOf(app, first.ticketId)).agentId, busy.id);
    const me = await agentOn(app, [team], { status: 'away' });
    await app.ctx.db.updateTable('agents').set({ name: 'Mina Park' }).where('id', '=', me.id).execute();
    const colleague = await agentOn(app, [], { maxChats: 2 });
    await app.ctx.db.updateTable('agents').set({ name: 'Chen Jie' }).where('id', '=', colleague.id).execute();

    const customerContext = await browser.newContext({ viewport: { width: 1100, height: 800 }, locale: 'en-US' });
    const widget = new ChatWidget(await customerContext.newPage(), baseUrl);
    await widget.openDemo();
    await widget.open();
    await widget.start('Withdrawals', 'My BTC withdrawal is pending <b>since yesterday</b>');
    await widget.window().getByRole('button', { name: 'Talk to a person' }).first().click();
    const number = (await widget.followLink().textContent())?.match(/LD-\d+/)?.[0];
    assert.ok(number);

    const agentContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    const page = await openConsoleAs(agentContext, app.ctx, baseUrl, me.id, '/console/inbox?view=all');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Live chats' }).click();
    const chats = new ConsoleChats(page);
    await chats.waitingChat(number).getByText(/Waiting \d+:\d\d/).waitFor();
    const chat: ConsoleChat = await chats.accept(number);
    await widget.window().getByRole('status').getByText(/Mina.*joined the chat/).waitFor();
    // Customer text is text, never markup.
    await chat.log().getByText('My BTC withdrawal is pending <b>since yesterday</b>').waitFor();

    await chat.box().fill('Let me check the withdrawal');
    await widget.window().getByText('Support is typing…').waitFor();
    await chat.box().fill('');
    await chat.send('Hello, I am Mina. Your withdrawal is in the security review; it will be sent within 2 hours.');
    await widget.conversation().getByText('Your withdrawal is in the security review').waitFor();

    await widget.window().getByRole('textbox', { name: 'Message' }).fill('Thank you');
    await chat.customerTyping().waitFor();
    await widget.window().getByRole('button', { name: 'Send', exact: true }).click();
    await chat.log().getByText('Thank you').waitFor();
    await chat.customerTyping().waitFor({ state: 'hidden' });

    await chat.transferTo({ agent: 'Chen Jie' });
    await page.getByRole('status').filter({ hasText: 'Transferred. The chat is now: In progress.' }).waitFor();
    const moved = await chatOf(app, (await app.ctx.db.selectFrom('tickets').select('id').where('number', '=', number).executeTakeFirstOrThrow()).id);
    assert.equal(moved.agentId, colleague.id);
    await widget.window().getByRole('status').getByText(/Chen.*joined the chat/).waitFor();
    await customerContext.close();
    await agentContext.close();
  });

  it('the supervisor board shows a customer who starts waiting at once, changes an agent’s availability and reassigns', { skip }, async () => {
    const { app, browser, baseUrl } = env;
    const supervisor = await agentWithToken(app.ctx, 'supervisor');
    const team = await createTeam(app, supervisor.headers, { name: 'Korean desk', languages: ['ko'] });
    const full = await agentOn(app, [team], { maxChats: 1 });
    await app.ctx.db.updateTable('agents').set({ name: 'Kim Minjun' }).where('id', '=', full.id).execute();
    const first = await createChat(app, { locale: 'ko' });
    await requestHandover(app, first.ticketId, { locale: 'ko' });

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    const page = await openConsoleAs(context, app.ctx, baseUrl, supervisor.agent.id, '/console/inbox?view=all');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Supervisor' }).click();
    const board = new SupervisorBoard(page);
    await board.row(board.activeTable(), first.number).getByText('Kim Minjun').waitFor();
    await board.row(board.agentsTable(), 'Kim Minjun').getByText('1 / 1').waitFor();
    const waitingBefore = Number(await board.stat('Waiting').textContent());

    // A customer starts waiting: the board shows it without a reload.
    const { client } = await customer(baseUrl);
    const { chat } = await startChat(client, '출금이 아직 안 들어왔어요', { locale: 'ko', topic: 'withdrawal' });
    await client.request({ type: 'handover', chatId: chat.chatId });
    const row = board.row(board.waitingTable(), chat.ticketNumber);
    await row.getByText(/^\d+:\d\d$/).waitFor();
    assert.equal(Number(await board.stat('Waiting').textContent()), waitingBefore + 1);
    assert.match((await board.stat('Longest wait').textContent()) ?? '', /^\d+:\d\d$/);

    // Kim goes away from the board: live, and the API agrees.
    const kim = page.getByRole('combobox', { name: 'Availability of Kim Minjun' });
    const put = page.waitForResponse((r) => r.url().endsWith(`/api/v1/agents/${full.id}/availability`) && r.request().method() === 'PUT');
    await kim.selectOption({ label: 'Away' });
    assert.equal((await put).status(), 200);
    await kim.locator('option:checked', { hasText: 'Away' }).waitFor({ state: 'attached' });
    const presence = await app.ctx.db.selectFrom('agent_presence').select('status').where('agent_id', '=', full.id).executeTakeFirstOrThrow();
    assert.equal(presence.status, 'away');

    // A colleague comes online with room; the supervisor hands them the waiting chat.
    const helper = await agentOn(app, [], { status: 'offline' });
    await app.ctx.db.updateTable('agents').set({ name: 'Lee Seoyeon' }).where('id', '=', helper.id).execute();
    assert.equal((await setAvailability(app, helper.headers, { status: 'online', maxChats: 3 })).statusCode, 200);
    await board.row(board.agentsTable(), 'Lee Seoyeon').waitFor();
    await row.getByRole('button', { name: `Reassign ${chat.ticketNumber}` }).click();
    await transfer(page, { agent: 'Lee Seoyeon' });
    await page.getByRole('status').filter({ hasText: `${chat.ticketNumber} reassigned` }).waitFor();
    await board.row(board.activeTable(), chat.ticketNumber).getByText('Lee Seoyeon').waitFor();
    await board.row(board.agentsTable(), 'Lee Seoyeon').getByText('1 / 3').waitFor();
    client.close();
    await context.close();
  });
});
