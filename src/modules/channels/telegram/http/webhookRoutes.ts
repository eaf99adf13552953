import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../../context.js';
import { safeEqual } from '../../../../platform/crypto.js';
import { AppError } from '../../../../platform/http/errors.js';
import { keepUpdates } from '../updates.js';
import type { TelegramSettings } from '../settings.js';
import { SECRET_HEADER, webhookBody } from './webhookSchema.js';

export const TELEGRAM_WEBHOOK_PATH = '/api/v1/channels/telegram/webhook';

/**
 * Telegram's webhook: verify the secret token, keep the update as a durable job (keyed by its
 * update_id, so a redelivery adds nothing), answer 200. Nothing else happens in the request.
 */
export function registerTelegramWebhook(root: FastifyInstance, ctx: AppContext, settings: TelegramSettings | null): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.post(TELEGRAM_WEBHOOK_PATH, {
    schema: { tags: ['channels'], summary: 'Telegram Bot API webhook (secret token required)', body: webhookBody, hide: true },
    // The secret is checked before the body is even parsed.
    preValidation: async (request) => {
      if (!settings || settings.mode !== 'webhook' || !settings.webhookSecret) throw new AppError('not_found', 'The Telegram webhook is not enabled here.');
      const given = request.headers[SECRET_HEADER];
      if (typeof given !== 'string' || !safeEqual(given, settings.webhookSecret)) throw new AppError('unauthenticated', 'Missing or wrong X-Telegram-Bot-Api-Secret-Token.');
    },
  }, async (request) => {
    await keepUpdates(ctx, [request.body]);
    return { ok: true };
  });
}
