import { z } from 'zod';
import { contentLocales } from '../locales.js';

/** Request shapes of the public help-center API (/api/v1/help). */
export const localeQuery = z.enum(contentLocales).default('en').describe('Reader language; other languages fill in where an article is not translated');
// Longer input is accepted and cut to the 256 characters search looks at.
const queryText = z.string().trim().min(1).max(2000);

export const searchQuery = z.strictObject({
  q: queryText.describe('What the reader typed, in any language'),
  locale: localeQuery,
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const suggestQuery = z.strictObject({
  q: queryText.describe('The partial input of a search box'),
  locale: localeQuery,
  limit: z.coerce.number().int().min(1).max(20).default(8),
});

export const treeQuery = z.strictObject({ locale: localeQuery });

export const listArticlesQuery = z.strictObject({
  locale: localeQuery,
  list: z.enum(['top', 'popular', 'recent', 'position']).default('position').describe('top = curated top questions, popular = most viewed, recent = newest first'),
  category: z.string().max(80).optional().describe('Category slug'),
  section: z.string().max(80).optional().describe('Section slug'),
  kind: z.enum(['article', 'announcement', 'security_alert']).optional(),
  pinned: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const articleParams = z.strictObject({ slug: z.string().min(1).max(120) });
export const articleQuery = z.strictObject({ locale: localeQuery });

export const feedbackBody = z.strictObject({
  locale: z.enum(contentLocales),
  helpful: z.boolean(),
  comment: z.string().trim().max(1000).optional().describe('What was missing or wrong (optional)'),
});
