import { z } from 'zod';
import { pageQuery } from '../../../platform/http/pagination.js';
import { categories } from '../../tickets/categories.js';
import { answerSchema, examplesSchema, flowDefinitionSchema, flowSlug, intentDefinitionSchema, intentName, localeSchema, localizedText } from '../definitions.js';
import { botSettingsSchema } from '../settings.js';

/** Request shapes of the bot's admin API (/api/v1/bot). Definitions are checked by definitions.ts. */
export const listQuery = z.strictObject({ ...pageQuery });
export const intentParams = z.strictObject({ name: intentName.describe('Intent name') });
export const flowParams = z.strictObject({ slug: flowSlug });

export const createIntentBody = intentDefinitionSchema;
export const updateIntentBody = z
  .strictObject({
    title: localizedText(60).optional(),
    category: z.enum(categories).nullable().optional().describe('null removes it'),
    answer: answerSchema.optional(),
    enabled: z.boolean().optional(),
    examples: examplesSchema.optional().describe('Replaces all examples of the intent'),
  })
  .refine((b) => Object.keys(b).length > 0, 'change at least one field');

export const createFlowBody = z.strictObject({
  slug: flowSlug,
  enabled: z.boolean().default(true),
  definition: flowDefinitionSchema,
});
export const updateFlowBody = z
  .strictObject({ enabled: z.boolean().optional(), definition: flowDefinitionSchema.optional() })
  .refine((b) => b.enabled !== undefined || b.definition !== undefined, 'change "definition" or "enabled"');

export const trainBody = z
  .strictObject({ force: z.boolean().default(false).describe('Train even when the model already matches the examples') })
  .default({ force: false });

export const testBody = z.strictObject({
  text: z.string().trim().min(1).max(1000).describe('What a customer might write'),
  locale: localeSchema.default('en').describe("The chat's locale (a message in Chinese or Korean script is answered in that language)"),
});

export const settingsBody = botSettingsSchema.partial().refine((b) => Object.keys(b).length > 0, 'change at least one setting');
