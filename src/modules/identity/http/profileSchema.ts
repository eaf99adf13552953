import { z } from 'zod';
import { locales } from '../../../platform/i18n/index.js';

/** What an agent may change about themselves without an admin. */
export const updateMeBody = z.strictObject({
  locale: z.enum(locales).describe('Language of the console and of messages to this agent: zh-CN, en or ko'),
});
export type UpdateMeBody = z.infer<typeof updateMeBody>;
