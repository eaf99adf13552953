import type { AppContext } from '../../context.js';
import type { DomainEvent } from '../../platform/bus/bus.js';
import type { Module } from '../module.js';
import { botOf, modelTrained } from './brain.js';
import { botReplier } from './commands/botReplier.js';
import { seedBotDefaults } from './defaults.js';
import { registerBotRoutes } from './http/botRoutes.js';

export { botOf } from './brain.js';
export type { BotAction, ActionInput, ActionResult } from './actions/registry.js';

/** A fresh installation trains its first model this long after start, unless a message needs it sooner. */
const TRAIN_AFTER_START_MS = 30_000;

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

function answer(ctx: AppContext, messageId: string | null): Promise<void> {
  if (!messageId) return Promise.resolve();
  return botReplier(ctx, messageId).then(
    () => undefined,
    (err: unknown) => ctx.log.error({ err, messageId }, 'bot reply failed'),
  );
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
    const offs = [
      // A chat's first words arrive with the ticket; everything after as messages.
      ctx.bus.subscribe('ticket.created', (e: DomainEvent) => (e.payload.channel === 'chat' ? answer(ctx, str(e.payload.messageId)) : undefined)),
      // A chat message's event says the chat's state when it was written; a chat never returns to
      // `bot`, so one a person already had is skipped without a read (the relay awaits this handler).
      ctx.bus.subscribe('message.created', (e: DomainEvent) =>
        e.payload.authorType === 'customer' && e.payload.visibility === 'public' && (e.payload.chatState ?? 'bot') === 'bot'
          ? answer(ctx, str(e.payload.messageId))
          : undefined,
      ),
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
    await botOf(ctx).start(TRAIN_AFTER_START_MS);
  },
};
