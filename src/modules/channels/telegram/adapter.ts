import type { AppContext } from '../../../context.js';
import type { ChannelAdapter } from '../adapters.js';
import { telegramInboundWriter } from './commands/telegramInboundWriter.js';
import { normaliseUpdate, type TelegramInbound } from './inbound/normalise.js';
import { deliverTelegramMessage } from './outbound/telegramDelivery.js';
import { telegramUpdate, type TelegramUpdate } from './payload.js';
import { telegramSettings, type TelegramSettings } from './settings.js';

const settingsOf = (ctx: AppContext): TelegramSettings => {
  const settings = telegramSettings(ctx.config);
  if (!settings) throw new Error('Telegram is not configured (TELEGRAM_BOT_TOKEN)');
  return settings;
};

/** The Telegram channel: Bot API updates in (webhook or long polling), Bot API messages out. */
export const telegramAdapter: ChannelAdapter<TelegramUpdate, TelegramInbound> = {
  channel: 'telegram',
  delivers: ['agent', 'bot', 'system'],
  payload: telegramUpdate,
  normalise: async (_ctx, update) => normaliseUpdate(update),
  accept: (ctx, inbound, origin) => telegramInboundWriter({ ctx, settings: settingsOf(ctx) }, inbound, origin),
  async receive(ctx, payload, origin) {
    const parsed = this.payload.safeParse(payload);
    // A shape we cannot read is nothing we can answer; it is logged, and its job ends.
    if (!parsed.success) {
      ctx.log.warn({ updateId: (payload as { update_id?: unknown }).update_id, issues: parsed.error.issues.slice(0, 3) }, 'Telegram: an update we cannot read; ignored');
      return { outcome: 'ignored', ticketId: null, created: false };
    }
    return this.accept(ctx, await this.normalise(ctx, parsed.data), origin);
  },
  deliverReply: (ctx, reply) => deliverTelegramMessage({ ctx, settings: settingsOf(ctx) }, reply.messageId),
};
