import { z } from 'zod';
import { UUID_PATTERN } from '../../../platform/db/ids.js';
import { cursorSchema, limitSchema } from '../../../platform/http/pagination.js';
import { contentLocales } from '../locales.js';

/** Request shapes of the editing API (/api/v1/kb): articles, translations, synonyms, content gaps. */
export const slug = z
  .string()
  .trim()
  .min(2)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case letters, digits and single hyphens (used in the public URL)');
const locale = z.enum(contentLocales);
const kind = z.enum(['article', 'announcement', 'security_alert']);

export const content = {
  title: z.string().trim().min(1).max(200),
  summary: z.string().trim().min(1).max(500).describe('One or two sentences: shown in lists, search results and meta descriptions'),
  body: z.string().min(1).max(100_000).describe('Markdown. Raw HTML is shown as text; images and YouTube/Bilibili/Vimeo/MP4 videos are embedded'),
  tags: z.array(z.string().trim().min(1).max(60)).max(30).default([]).describe('Extra words readers use for this topic; searched, not shown'),
};

const settings = {
  kind: kind.optional(),
  pinned: z.boolean().optional().describe('Announcements and security alerts: shown on every help-center page'),
  topPosition: z.number().int().min(0).max(10_000).nullable().optional().describe('Place in the "top questions" list; null removes it'),
  related: z.array(slug).max(20).optional().describe('Slugs of related articles, in order'),
};

export const createArticleBody = z.strictObject({
  slug,
  section: z.string().trim().min(1).max(80).describe('Section slug'),
  locale,
  ...content,
  ...settings,
});

export const updateArticleBody = z.strictObject({ section: z.string().trim().min(1).max(80).optional(), ...settings });

export const articleRef = z.strictObject({ idOrSlug: z.string().min(1).max(120).describe('Article id or slug') });
export const translationParams = z.strictObject({ idOrSlug: z.string().min(1).max(120), locale });

export const translationBody = z.strictObject({
  ...content,
  baseVersionId: z.string().regex(UUID_PATTERN, 'a UUID').nullable().optional()
    .describe('versionId the edit started from (null for a new translation); a newer save by someone else answers 409'),
});

export const statusBody = z.strictObject({ status: z.enum(['draft', 'published', 'archived']) });

export const previewBody = z.strictObject({ body: z.string().max(100_000) });

export const listKbQuery = z.strictObject({
  status: z.enum(['draft', 'published', 'archived']).optional(),
  section: z.string().max(80).optional(),
  kind: kind.optional(),
  q: z.string().trim().min(1).max(200).optional().describe('Part of a title or slug'),
  limit: limitSchema,
  cursor: cursorSchema,
});

export const versionsQuery = z.strictObject({ locale: locale.optional() });

export const synonymBody = z.strictObject({
  terms: z.array(z.string().trim().min(1).max(60)).min(2).max(30).describe('Interchangeable words or phrases, any languages'),
});
export const synonymParams = z.strictObject({ id: z.string().regex(UUID_PATTERN, 'a UUID') });

export const gapsQuery = z.strictObject({
  locale: locale.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const dismissGapBody = z.strictObject({ locale, query: z.string().min(1).max(2000) });

const labels = z
  .partialRecord(locale, z.strictObject({ title: z.string().trim().min(1).max(120), description: z.string().trim().max(300).nullable().optional() }))
  .describe('Title (and description) per locale, e.g. { "zh-CN": { "title": "充币" } }');
export const taxonomyParams = z.strictObject({ slug });
export const categoryBody = z.strictObject({
  position: z.number().int().min(0).max(10_000).optional(),
  icon: z.string().trim().max(40).nullable().optional(),
  labels,
});
export const sectionBody = z.strictObject({
  category: slug.optional().describe('Category slug; required for a new section, moves an existing one'),
  position: z.number().int().min(0).max(10_000).optional(),
  labels,
});
