import { z } from 'zod';
import { locales } from '../../../platform/i18n/index.js';

/** GET /api/v1/categories: the categories and the fields each asks for, labelled in one language. */
export const listCategoriesQuery = z.strictObject({
  locale: z.enum(locales).default('en').describe('Language of the labels (zh-CN, en, ko)'),
});
