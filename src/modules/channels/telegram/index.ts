import type { AppContext } from '../../../context.js';
import type { Module } from '../../module.js';
import { registerChannelAdapter } from '../adapters.js';
import { telegramAdapter } from './adapter.js';
import { registerTelegramWebhook, TELEGRAM_WEBHOOK_PATH } from './http/webhookRoutes.js';
import { announceChatState } from './outbound/telegramDelivery.js';
import { agentTypingRelay } from './outbound/typing.js';
import { ALLOWED_UPDATES, TelegramPoller } from './poller.js';
import { telegramApi, telegramSettings } from './settings.js';
import { UPDATE_JOB } from './updates.js';
import { KeyedSerialiser } from '../keyedSerialiser.js';
import { isAnnouncedChatState } from '../chatStateWords.js';

const pollers = new WeakMap<AppContext, TelegramPoller>();

/** The sender of an update, for handling one user's updates in order. */
const senderOf = (update: Record<string, unknown>): string => {
  const part = (update.message ?? update.edited_message ?? update.callback_query) as { from?: { id?: unknown } } | undefined;
  return String(part?.from?.id ?? update.update_id);
};

/**
 * Telegram (see "Channels" in docs/ARCHITECTURE.md): a private chat with the exchange's bot is a
 * conversation like the web chat's — the same bot answers first, routing hands it to a person,
 * agents answer from the console — and every message out goes through the Bot API. Off unless
 * TELEGRAM_BOT_TOKEN is set.
 */
export const telegramModule: Module = {
  name: 'telegram',
  register(app, ctx) {
    const settings = telegramSettings(ctx.config);
    registerTelegramWebhook(app, ctx, settings);
    if (!settings) return;
    const deps = { ctx, settings };
    const inOrder = new KeyedSerialiser();
    ctx.jobs.define(UPDATE_JOB, (update) => inOrder.run(senderOf(update), async () => void (await telegramAdapter.receive(ctx, update as never, { source: `telegram-${settings.mode}` }))));
    // Agents', the bot's and the desk's public messages go out through the registry's delivery job.
    registerChannelAdapter(ctx, telegramAdapter);
    ctx.jobs.onEvent('chat.updated', 'telegram.chat_state', (event) => announceChatState(deps, event), {
      when: isAnnouncedChatState,
    });
    // Typing is ephemeral (bus, not outbox): the node whose console socket raised it tells Telegram.
    const offTyping = ctx.bus.subscribe('chat.typing', agentTypingRelay(ctx, settings));
    app.addHook('onClose', async () => offTyping());
    if (settings.mode === 'polling') {
      const poller = new TelegramPoller(ctx, settings);
      pollers.set(ctx, poller);
      app.addHook('onClose', () => poller.stop());
    }
  },
  async bootstrap(ctx) {
    const settings = telegramSettings(ctx.config);
    if (!settings) return;
    if (settings.mode === 'polling') return pollers.get(ctx)?.start();
    // Webhook mode: tell Telegram where to post (it needs HTTPS in production); a failure is logged, not fatal.
    const url = new URL(TELEGRAM_WEBHOOK_PATH, ctx.config.PUBLIC_URL).toString();
    await telegramApi(ctx, settings)
      .setWebhook(url, { secret_token: settings.webhookSecret!, allowed_updates: [...ALLOWED_UPDATES] })
      .catch((err: unknown) => ctx.log.warn({ err, url }, 'Telegram: setWebhook failed; set it by hand or fix PUBLIC_URL'));
  },
};
