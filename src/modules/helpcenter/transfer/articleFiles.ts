import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { ArticleContent } from '../commands/articleContent.js';
import type { ArticleStatus } from '../commands/articleUpdater.js';
import { content, slug } from '../http/kbSchema.js';
import { contentLocales, isContentLocale } from '../locales.js';
import { markdownText } from '../markdown.js';
import type { ArticleKind } from '../queries.js';
import { parseArticleFile, parseArticleMeta } from '../seed/seedContent.js';

/**
 * The files `ledgerdesk kb import | export | eval` read: JSONL with one translation per line, or
 * Markdown folders in the seed's layout (`<slug>/meta.yaml` + `<slug>/<locale>.md`). Text is
 * held to the editing API's limits; every problem names its file (and line) and field.
 */
export const articleKinds = ['article', 'announcement', 'security_alert'] as const;
export const articleStatuses = ['draft', 'published', 'archived'] as const;

/** One JSONL line: one translation of one article. `id` is the article's slug. */
export const articleRecordSchema = z.strictObject({
  id: slug,
  locale: z.enum(contentLocales),
  section: z.string().trim().min(1).max(80).optional(),
  kind: z.enum(articleKinds).optional(),
  status: z.enum(articleStatuses).optional(),
  title: content.title,
  summary: content.summary.optional(),
  tags: content.tags,
  body: content.body,
});
export type ArticleRecord = z.infer<typeof articleRecordSchema>;

/** One line of a search-evaluation file: a question and the slugs of the articles that answer it. */
export const evalQuerySchema = z.strictObject({
  query: z.string().min(1).max(2000),
  locale: z.enum(contentLocales),
  relevant: z.array(slug).min(1),
});

/** Everything wrong with an input, one "file:line: field: problem" each; nothing is written when there is one. */
export class ContentError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ContentError';
  }
}

export interface ImportTranslation {
  locale: string;
  where: string;
  content: ArticleContent;
}

/** One article as an import describes it; what it leaves out stays as it is in the database. */
export interface ImportArticle {
  slug: string;
  where: string;
  section?: string | undefined;
  category?: string | undefined;
  kind?: ArticleKind | undefined;
  status?: ArticleStatus | undefined;
  pinned?: boolean | undefined;
  top?: boolean | undefined;
  related?: string[] | undefined;
  translations: ImportTranslation[];
}

const unreadable = (path: string, err: unknown) => new ContentError([`${path}: cannot read it (${(err as NodeJS.ErrnoException).code ?? String(err)})`]);

export function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw unreadable(path, err);
  }
}

function describeIssue(where: string, issue: z.core.$ZodIssue): string {
  const field = issue.path.length ? issue.path.join('.') : issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : 'record';
  return `${where}: ${field}: ${issue.message}`;
}

/** Every non-blank line of a JSONL file through `schema`, collecting every problem before failing. */
export function readJsonl<T extends z.ZodType>(path: string, schema: T): { where: string; value: z.infer<T> }[] {
  const problems: string[] = [];
  const out: { where: string; value: z.infer<T> }[] = [];
  readText(path)
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      const where = `${path}:${i + 1}`;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch (err) {
        problems.push(`${where}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
        return;
      }
      const parsed = schema.safeParse(json);
      if (parsed.success) out.push({ where, value: parsed.data });
      else problems.push(...parsed.error.issues.map((issue) => describeIssue(where, issue)));
    });
  if (problems.length) throw new ContentError(problems);
  return out;
}

/** A missing summary is the start of the body's text (as meta descriptions are). */
export const contentOf = (r: { title: string; summary?: string | undefined; body: string; tags: string[] }): ArticleContent => ({
  title: r.title,
  summary: r.summary || markdownText(r.body, 160) || r.title,
  body: r.body,
  tags: r.tags,
});

/** JSONL records grouped into articles; lines of one article must agree on section, kind and status. */
export function articlesFromJsonl(path: string): ImportArticle[] {
  const problems: string[] = [];
  const articles = new Map<string, ImportArticle>();
  for (const { where, value: r } of readJsonl(path, articleRecordSchema)) {
    const article = articles.get(r.id) ?? { slug: r.id, where, translations: [] };
    articles.set(r.id, article);
    for (const field of ['section', 'kind', 'status'] as const) {
      const value = r[field];
      if (value === undefined) continue;
      if (article[field] === undefined) Object.assign(article, { [field]: value });
      else if (article[field] !== value) problems.push(`${where}: ${field}: "${value}" differs from "${article[field]}" on an earlier line of "${r.id}"`);
    }
    const twin = article.translations.find((t) => t.locale === r.locale);
    if (twin) problems.push(`${where}: locale: "${r.id}" already has a ${r.locale} translation (${twin.where})`);
    else article.translations.push({ locale: r.locale, where, content: contentOf(r) });
  }
  if (problems.length) throw new ContentError(problems);
  return [...articles.values()];
}

/** Markdown files are held to the editing API's limits, not the shipped seed's stricter ones. */
const editorRules = { frontMatter: z.strictObject({ title: content.title, summary: content.summary, tags: content.tags }), minBodyChars: 1 };

function readArticleFolder(folder: string, name: string): ImportArticle {
  const parsedSlug = slug.safeParse(name);
  if (!parsedSlug.success) throw new Error(`${folder}: the folder name is the article's slug: ${parsedSlug.error.issues[0]?.message}`);
  const meta = parseArticleMeta(readText(join(folder, 'meta.yaml')), join(folder, 'meta.yaml'));
  const translations = readdirSync(folder)
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((file): ImportTranslation => {
      const where = join(folder, file);
      const locale = file.slice(0, -'.md'.length);
      if (!isContentLocale(locale)) throw new Error(`${where}: "${locale}" is not a content locale (${contentLocales.join(', ')})`);
      const parsed = parseArticleFile(readText(where), where, editorRules);
      const body = content.body.safeParse(parsed.body);
      if (!body.success) throw new Error(describeIssue(where, { ...body.error.issues[0]!, path: ['body'] }));
      return { locale, where, content: parsed };
    });
  if (!translations.length) throw new Error(`${folder}: no <locale>.md file`);
  return { slug: name, where: folder, ...meta, translations };
}

/** A folder of `<slug>/` article folders, or one holding them in `articles/` like the shipped seed. */
export function articlesFromMarkdown(dir: string): ImportArticle[] {
  const root = existsSync(join(dir, 'articles')) ? join(dir, 'articles') : dir;
  const names = readdirSync(root).filter((name) => existsSync(join(root, name, 'meta.yaml'))).sort();
  if (!names.length) throw new ContentError([`${dir}: no article folders (<slug>/meta.yaml) in it`]);
  const problems: string[] = [];
  const articles = names.flatMap((name) => {
    try {
      return [readArticleFolder(join(root, name), name)];
    } catch (err) {
      problems.push(...(err instanceof ContentError ? err.problems : [err instanceof Error ? err.message : String(err)]));
      return [];
    }
  });
  if (problems.length) throw new ContentError(problems);
  return articles;
}

/** What `kb import <path>` reads: a Markdown folder, or else a JSONL file. */
export function readImport(path: string): ImportArticle[] {
  let folder: boolean;
  try {
    folder = statSync(path).isDirectory();
  } catch (err) {
    throw unreadable(path, err);
  }
  return folder ? articlesFromMarkdown(path) : articlesFromJsonl(path);
}
