import type { AppContext } from '../../context.js';
import type { Module } from '../module.js';
import { botOf, modelTrained } from './brain.js';
import { botReplier } from './commands/botReplier.js';
import { seedBotDefaults } from './defaults.js';
import { upgradeBotDefaults } from './defaultsUpgrade.js';
import { registerBotRoutes } from './http/botRoutes.js';
import { conversationalChannels, type Channel } from '../tickets/categories.js';

export { botOf } from './brain.js';
export { recogniseIntents } from './answering/recognise.js';
export type { BotAction, ActionInput, ActionResult } from './actions/registry.js';

/** A fresh installation trains its first model this long after start, unless a message needs it sooner. */
const TRAIN_AFTER_START_MS = 30_000;

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** The bot answers through durable jobs: one node per message, retried if planning or storing fails. */
async function answer(ctx: AppContext, messageId: string | null): Promise<void> {
  if (messageId) await botReplier(ctx, messageId);
}

/**
 * The chat bot (see "Bot" in docs/ARCHITECTURE.md): answers customers' chat messages while a
 * chat is in state `bot` — articles, guided flows, texts, hand-over to a person — and the admin
 * API for intents, flows, settings and training.
 */
export const botModule: Module = {
  name: 'bot',
  register(app, ctx) {
    registerBotRoutes(app, ctx);
    const brain = botOf(ctx);
    // A chat's first words arrive with the ticket; everything after as messages.
    ctx.jobs.onEvent('ticket.created', 'bot.answer_opening', (e) => answer(ctx, str(e.payload.messageId)), {
      when: (e) => conversationalChannels.has(e.payload.channel as Channel),
    });
    // A chat message's event says the chat's state when it was written; a chat never returns to
    // `bot`, so messages of chats a person already has cost no job row.
    ctx.jobs.onEvent('message.created', 'bot.answer_message', (e) => answer(ctx, str(e.payload.messageId)), {
      when: (e) => e.payload.authorType === 'customer' && e.payload.visibility === 'public' && (e.payload.chatState ?? 'bot') === 'bot',
    });
    const offs = [
      ctx.bus.subscribe(modelTrained, async () => {
        await brain.loadNewest();
      }),
    ];
    app.addHook('onClose', async () => {
      offs.forEach((off) => off());
      await brain.stop();
    });
  },
  async bootstrap(ctx) {
    const seeded = await seedBotDefaults(ctx);
    if (seeded) ctx.log.info('bot: default intents and flows loaded');
    const upgraded = await upgradeBotDefaults(ctx);
    if (upgraded.intents.length || upgraded.flows.length) ctx.log.info(upgraded, 'bot: untouched shipped intents and flows upgraded to this version');
    await botOf(ctx).start(TRAIN_AFTER_START_MS);
  },
};
