import { z } from 'zod';

/**
 * The part of Telegram's `Update` (https://core.telegram.org/bots/api#update) the desk reads.
 * Objects are loose: Telegram adds fields over time, and an update we do not understand is
 * recorded as ignored rather than refused (refusing makes Telegram retry it for a day).
 */
const user = z.looseObject({
  id: z.number().int(),
  is_bot: z.boolean(),
  first_name: z.string(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
});

const fileRef = { file_id: z.string().min(1), file_unique_id: z.string(), file_size: z.number().int().optional() };

const message = z.looseObject({
  message_id: z.number().int(),
  date: z.number().int(),
  chat: z.looseObject({ id: z.number().int(), type: z.enum(['private', 'group', 'supergroup', 'channel']) }),
  from: user.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  photo: z.array(z.looseObject({ ...fileRef, width: z.number().int(), height: z.number().int() })).optional(),
  document: z.looseObject({ ...fileRef, file_name: z.string().optional(), mime_type: z.string().optional() }).optional(),
  reply_markup: z.looseObject({ inline_keyboard: z.array(z.array(z.looseObject({ text: z.string(), callback_data: z.string().optional() }))) }).optional(),
});

export const telegramUpdate = z.looseObject({
  update_id: z.number().int().nonnegative(),
  message: message.optional(),
  edited_message: message.optional(),
  callback_query: z
    .looseObject({ id: z.string(), from: user, message: message.optional(), data: z.string().optional() })
    .optional(),
});

export type TelegramUpdate = z.infer<typeof telegramUpdate>;
export type TelegramMessage = z.infer<typeof message>;
export type TelegramUser = z.infer<typeof user>;
