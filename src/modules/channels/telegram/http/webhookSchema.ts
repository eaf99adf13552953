import { z } from 'zod';

/**
 * What the webhook checks before keeping an update: that it is one (an integer update_id). The
 * rest is read by the job that handles it, so an update shape Telegram adds later is kept and
 * recorded as ignored rather than refused (Telegram would retry a refused update for a day).
 */
export const webhookBody = z.looseObject({ update_id: z.number().int().nonnegative() });

export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
