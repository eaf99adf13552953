import type { Module } from '../module.js';
import { botOf } from '../bot/index.js';
import { exchangeBotActions } from './botActions.js';
import { registerPanelRoutes } from './http/panelRoutes.js';
import { registerRiskEventRoutes } from './http/riskEventRoutes.js';
import { startExchange } from './runtime.js';

export { exchangeOf } from './runtime.js';
export { RISK_EVENT } from './riskEventRecorder.js';

/**
 * The exchange adapter (see "Exchange adapter" in docs/ARCHITECTURE.md): the signed client for
 * the exchange's backend — or the built-in simulator when none is configured — the inbound risk
 * events, the bot's transaction look-ups and the agent's side panel.
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
    for (const [name, action] of Object.entries(exchangeBotActions(ctx))) botOf(ctx).actions.register(name, action);
  },
};
