import { z } from 'zod';
import type { DbOrTx } from '../../platform/db/index.js';

/**
 * How bold the bot is. Thresholds are calibrated with every trained model (see training.ts);
 * an admin may pin them instead. Stored as one JSON row in `settings`, read per message, so
 * every node sees a change at once.
 */
export const botSettingsSchema = z.strictObject({
  enabled: z.boolean().describe('false = the bot stays silent and chats wait for a person'),
  answerThreshold: z.number().min(0).max(1).nullable().describe('Answer on its own at or above this confidence; null = calibrated per model'),
  suggestThreshold: z.number().min(0).max(1).nullable().describe('Below the answer threshold but at or above this: offer the top three; null = calibrated per model'),
  leaveFlowAfter: z.number().int().min(1).max(10).describe('Answers that do not fit a flow question before a new, clearly different question leaves the flow'),
});
export type BotSettings = z.infer<typeof botSettingsSchema>;

export const defaultBotSettings: BotSettings = { enabled: true, answerThreshold: null, suggestThreshold: null, leaveFlowAfter: 2 };

const KEY = 'bot_settings';

export async function loadBotSettings(db: DbOrTx): Promise<BotSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  if (!row) return defaultBotSettings;
  const parsed = botSettingsSchema.partial().safeParse(JSON.parse(row.value));
  return { ...defaultBotSettings, ...(parsed.success ? parsed.data : {}) };
}

export async function saveBotSettings(db: DbOrTx, settings: BotSettings): Promise<void> {
  const value = JSON.stringify(settings);
  await db
    .insertInto('settings')
    .values({ key: KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
