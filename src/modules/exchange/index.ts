import type { Module } from '../module.js';
import type { Channel } from '../tickets/categories.js';
import { botOf } from '../bot/index.js';
import { exchangeBotActions } from './botActions.js';
import { codeActions } from './codeActions.js';
import { emergencyIntake, intakeChannels } from './freeze/emergencyIntake.js';
import { freezeActions } from './freeze/freezeActions.js';
import { registerFreezeRoutes } from './http/freezeRoutes.js';
import { registerPanelRoutes } from './http/panelRoutes.js';
import { registerRiskEventRoutes } from './http/riskEventRoutes.js';
import { outreachAnswerer, outreachTimeout } from './outreach/outreachResolver.js';
import { OUTREACH_TIMEOUT_JOB, outreachStarter } from './outreach/outreachStarter.js';
import { RISK_EVENT } from './riskEventRecorder.js';
import { startExchange } from './runtime.js';

export { exchangeOf } from './runtime.js';
export { RISK_EVENT } from './riskEventRecorder.js';

/**
 * The exchange adapter (see "Exchange adapter" and "Account security operations" in
 * docs/ARCHITECTURE.md): the signed client for the exchange's backend — or the built-in simulator
 * when none is configured — the inbound risk events and the "was this you?" outreach they start,
 * the bot's transaction look-ups and emergency freeze, the agent's side panel, and freeze /
 * four-eyes unfreeze.
 */
export const exchangeModule: Module = {
  name: 'exchange',
  async register(app, ctx) {
    const runtime = await startExchange(ctx);
    app.addHook('onClose', async () => {
      await runtime.simulator?.close();
    });
    await registerRiskEventRoutes(app, ctx);
    registerPanelRoutes(app, ctx);
    registerFreezeRoutes(app, ctx);
    for (const [name, action] of Object.entries({ ...exchangeBotActions(ctx), ...freezeActions(ctx), ...codeActions(ctx) })) botOf(ctx).actions.register(name, action);
    ctx.jobs.onEvent(RISK_EVENT, 'exchange.outreach_start', (event) => outreachStarter(ctx, event.payload));
    // Customers' public messages that could answer an outreach: not chats the bot or a person is handling.
    ctx.jobs.onEvent('message.created', 'exchange.outreach_answer', (event) => outreachAnswerer(ctx, event.payload), {
      when: (event) => event.payload.authorType === 'customer' && event.payload.visibility === 'public' && (event.payload.chatState === undefined || event.payload.chatState === 'left_message'),
    });
    ctx.jobs.define(OUTREACH_TIMEOUT_JOB, (payload) => outreachTimeout(ctx, payload));
    // "My account was hacked" by email or the portal's form: the chat's emergency, recognised by the bot's model.
    ctx.jobs.onEvent('ticket.created', 'exchange.emergency_intake', (event) => emergencyIntake(ctx, event.payload).then(() => undefined), {
      when: (event) => intakeChannels.has(event.payload.channel as Channel),
    });
  },
};
