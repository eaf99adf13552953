import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { projectPath } from '../../../platform/paths.js';

/**
 * Reads the help-center content shipped with LedgerDesk: `taxonomy.yaml` (categories and
 * sections) and `articles/<slug>/` folders holding `meta.yaml` plus one Markdown file per
 * locale with YAML front matter. Everything is validated: a broken seed file fails loudly at
 * start-up (and in tests), never half-loads.
 */
export const seedLocales = ['en', 'zh-CN', 'ko'] as const;
export type SeedLocale = (typeof seedLocales)[number];

const perLocale = <T extends z.ZodType>(value: T) => z.object({ en: value, 'zh-CN': value, ko: value });

const sectionSchema = z.object({ slug: z.string().regex(/^[a-z0-9-]+$/), title: perLocale(z.string().min(1)) });
const categorySchema = z.object({
  slug: z.string().regex(/^[a-z0-9-]+$/),
  icon: z.string().optional(),
  title: perLocale(z.string().min(1)),
  description: perLocale(z.string().min(1)),
  sections: z.array(sectionSchema).min(1),
});
export type SeedCategory = z.infer<typeof categorySchema>;

const metaSchema = z.strictObject({
  category: z.string(),
  section: z.string(),
  kind: z.enum(['article', 'announcement', 'security_alert']).default('article'),
  top: z.boolean().default(false),
  pinned: z.boolean().default(false),
  related: z.array(z.string()).default([]),
});

const frontMatterSchema = z.strictObject({
  title: z.string().min(1).max(200),
  summary: z.string().min(1).max(300),
  tags: z.array(z.coerce.string().min(1)).max(12).default([]),
});

export interface SeedTranslation extends z.infer<typeof frontMatterSchema> {
  body: string;
}

export interface SeedArticle extends z.infer<typeof metaSchema> {
  slug: string;
  translations: Record<SeedLocale, SeedTranslation>;
}

export interface SeedContent {
  categories: SeedCategory[];
  articles: SeedArticle[];
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

export function parseArticleFile(text: string, where: string): SeedTranslation {
  const match = FRONT_MATTER.exec(text);
  if (!match) throw new Error(`${where}: missing YAML front matter`);
  const front = frontMatterSchema.safeParse(parseYaml(match[1]!));
  if (!front.success) throw new Error(`${where}: ${front.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const body = match[2]!.trim();
  if (body.length < 40) throw new Error(`${where}: the body is missing or too short`);
  return { ...front.data, body };
}

export function loadSeedContent(dir = projectPath('src', 'modules', 'helpcenter', 'seed')): SeedContent {
  const categories = z.array(categorySchema).parse(parseYaml(readFileSync(join(dir, 'taxonomy.yaml'), 'utf8')));
  const sections = new Map(categories.flatMap((c) => c.sections.map((s) => [s.slug, c.slug] as const)));
  const articlesDir = join(dir, 'articles');
  const slugs = existsSync(articlesDir) ? readdirSync(articlesDir).filter((name) => existsSync(join(articlesDir, name, 'meta.yaml'))).sort() : [];
  const articles = slugs.map((slug): SeedArticle => {
    const folder = join(articlesDir, slug);
    const meta = metaSchema.safeParse(parseYaml(readFileSync(join(folder, 'meta.yaml'), 'utf8')));
    if (!meta.success) throw new Error(`${slug}/meta.yaml: ${meta.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    if (sections.get(meta.data.section) !== meta.data.category) {
      throw new Error(`${slug}/meta.yaml: section "${meta.data.section}" is not in category "${meta.data.category}"`);
    }
    const translations = Object.fromEntries(
      seedLocales.map((locale) => [locale, parseArticleFile(readFileSync(join(folder, `${locale}.md`), 'utf8'), `${slug}/${locale}.md`)]),
    ) as Record<SeedLocale, SeedTranslation>;
    return { slug, ...meta.data, translations };
  });
  const known = new Set(slugs);
  for (const article of articles) {
    const missing = article.related.filter((r) => !known.has(r));
    if (missing.length) throw new Error(`${article.slug}/meta.yaml: related articles not found: ${missing.join(', ')}`);
  }
  return { categories, articles };
}

const querySchema = z.strictObject({ query: z.string().min(1), locale: z.enum(seedLocales), relevant: z.array(z.string()).min(1) });
export type SeedQuery = z.infer<typeof querySchema>;

/** The search fixture shipped beside the content: real-style queries and the articles they must find. */
export function loadSeedQueries(dir = projectPath('src', 'modules', 'helpcenter', 'seed', 'queries')): SeedQuery[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .flatMap((name) =>
      readFileSync(join(dir, name), 'utf8')
        .split('\n')
        .filter((line) => line.trim())
        .map((line, i) => {
          const parsed = querySchema.safeParse(JSON.parse(line));
          if (!parsed.success) throw new Error(`${name}:${i + 1}: ${parsed.error.issues[0]?.message}`);
          return parsed.data;
        }),
    );
}
