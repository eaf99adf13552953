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
  /** Read by `ledgerdesk kb import` (and written by `kb export`); the seed publishes everything. */
  status: z.enum(['draft', 'published', 'archived']).optional(),
  top: z.boolean().default(false),
  pinned: z.boolean().default(false),
  related: z.array(z.string()).default([]),
});
export type ArticleMeta = z.infer<typeof metaSchema>;

const frontMatterSchema = z.strictObject({
  title: z.string().min(1).max(200),
  summary: z.string().min(1).max(300),
  tags: z.array(z.coerce.string().min(1)).max(12).default([]),
});

export interface SeedTranslation extends z.infer<typeof frontMatterSchema> {
  body: string;
}

export interface SeedArticle extends ArticleMeta {
  slug: string;
  translations: Record<SeedLocale, SeedTranslation>;
}

export interface SeedContent {
  categories: SeedCategory[];
  articles: SeedArticle[];
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

const describeIssues = (error: z.ZodError): string => error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');

/** YAML whose syntax errors name the file they are in. */
function parseYamlIn(text: string, where: string): unknown {
  try {
    return parseYaml(text);
  } catch (err) {
    throw new Error(`${where}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
}

/** One `<slug>/meta.yaml`: where the article sits and how it is featured. */
export function parseArticleMeta(text: string, where: string): ArticleMeta {
  const meta = metaSchema.safeParse(parseYamlIn(text, where));
  if (!meta.success) throw new Error(`${where}: ${describeIssues(meta.error)}`);
  return meta.data;
}

/**
 * How strictly an article file is read. The shipped seed holds itself to more than the editing
 * API asks (short summaries, few tags, a real body); `kb import` passes the API's own limits.
 */
export interface ArticleFileRules {
  frontMatter: z.ZodType<Omit<SeedTranslation, 'body'>>;
  minBodyChars: number;
}
const seedRules: ArticleFileRules = { frontMatter: frontMatterSchema, minBodyChars: 40 };

/** One `<slug>/<locale>.md`: YAML front matter (title, summary, tags) and the Markdown body. */
export function parseArticleFile(text: string, where: string, rules: ArticleFileRules = seedRules): SeedTranslation {
  const match = FRONT_MATTER.exec(text);
  if (!match) throw new Error(`${where}: missing YAML front matter`);
  const front = rules.frontMatter.safeParse(parseYamlIn(match[1]!, where));
  if (!front.success) throw new Error(`${where}: ${describeIssues(front.error)}`);
  const body = match[2]!.trim();
  if (body.length < rules.minBodyChars) throw new Error(`${where}: the body is missing or too short`);
  return { ...front.data, body };
}

export function loadSeedContent(dir = projectPath('src', 'modules', 'helpcenter', 'seed')): SeedContent {
  const categories = z.array(categorySchema).parse(parseYaml(readFileSync(join(dir, 'taxonomy.yaml'), 'utf8')));
  const sections = new Map(categories.flatMap((c) => c.sections.map((s) => [s.slug, c.slug] as const)));
  const articlesDir = join(dir, 'articles');
  const slugs = existsSync(articlesDir) ? readdirSync(articlesDir).filter((name) => existsSync(join(articlesDir, name, 'meta.yaml'))).sort() : [];
  const articles = slugs.map((slug): SeedArticle => {
    const folder = join(articlesDir, slug);
    const meta = parseArticleMeta(readFileSync(join(folder, 'meta.yaml'), 'utf8'), `${slug}/meta.yaml`);
    if (sections.get(meta.section) !== meta.category) {
      throw new Error(`${slug}/meta.yaml: section "${meta.section}" is not in category "${meta.category}"`);
    }
    const translations = Object.fromEntries(
      seedLocales.map((locale) => [locale, parseArticleFile(readFileSync(join(folder, `${locale}.md`), 'utf8'), `${slug}/${locale}.md`)]),
    ) as Record<SeedLocale, SeedTranslation>;
    return { slug, ...meta, translations };
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
