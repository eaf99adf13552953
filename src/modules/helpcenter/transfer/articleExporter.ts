import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { DbOrTx } from '../../../platform/db/index.js';
import { groupBy } from '../../../platform/collections.js';
import type { ArticleStatus } from '../commands/articleUpdater.js';
import { parseTags, type ArticleKind } from '../queries.js';
import type { ArticleRecord } from './articleFiles.js';

/**
 * `ledgerdesk kb export`: articles with every translation, as JSONL records or as Markdown
 * folders in the seed's layout; `kb import` reads either back. Ordered by slug and locale
 * (compared as plain strings, not by the database's collation) so exports diff cleanly.
 */
export interface ExportedTranslation {
  locale: string;
  title: string;
  summary: string;
  body: string;
  tags: string[];
}

export interface ExportedArticle {
  slug: string;
  category: string;
  section: string;
  kind: ArticleKind;
  status: ArticleStatus;
  pinned: boolean;
  top: boolean;
  related: string[];
  translations: ExportedTranslation[];
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Slugs of every article's related articles, in display order, by article id. */
export async function relatedSlugs(db: DbOrTx): Promise<Map<string, string[]>> {
  const relations = await db
    .selectFrom('article_relations')
    .innerJoin('articles', 'articles.id', 'article_relations.related_id')
    .select(['article_relations.article_id as articleId', 'articles.slug as slug'])
    .orderBy('article_relations.position')
    .execute();
  return new Map([...groupBy(relations, (r) => r.articleId)].map(([id, rows]) => [id, rows.map((r) => r.slug)]));
}

export async function exportArticles(db: DbOrTx, status: ArticleStatus | 'all'): Promise<ExportedArticle[]> {
  let articles = db
    .selectFrom('articles')
    .innerJoin('help_sections', 'help_sections.id', 'articles.section_id')
    .innerJoin('help_categories', 'help_categories.id', 'help_sections.category_id')
    .selectAll('articles')
    .select(['help_sections.slug as sectionSlug', 'help_categories.slug as categorySlug']);
  if (status !== 'all') articles = articles.where('articles.status', '=', status);
  let translations = db.selectFrom('article_translations').innerJoin('articles', 'articles.id', 'article_translations.article_id').selectAll('article_translations');
  if (status !== 'all') translations = translations.where('articles.status', '=', status);
  const translationsOf = groupBy(await translations.execute(), (t) => t.article_id);
  const relatedOf = await relatedSlugs(db);
  // An article has a translation from its creation on; the check keeps a broken row out of the files.
  const rows = (await articles.execute()).filter((a) => translationsOf.has(a.id)).sort((a, b) => byText(a.slug, b.slug));
  // Related articles left out of a filtered export are left out of the links too, so it imports on its own.
  const exported = new Set(rows.map((a) => a.slug));
  return rows.map((a) => ({
    slug: a.slug, category: a.categorySlug, section: a.sectionSlug, kind: a.kind, status: a.status, pinned: a.pinned === 1, top: a.top_position !== null,
    related: (relatedOf.get(a.id) ?? []).filter((slug) => exported.has(slug)),
    translations: translationsOf
      .get(a.id)!
      .sort((x, y) => byText(x.locale, y.locale))
      .map((t) => ({ locale: t.locale, title: t.title, summary: t.summary, body: t.body, tags: parseTags(t.tags) })),
  }));
}

/** One record per translation, in the shape `kb import` reads (articleRecordSchema). */
export type ExportRecord = Required<Omit<ArticleRecord, 'locale'>> & { locale: string };

export function toRecords(articles: readonly ExportedArticle[]): ExportRecord[] {
  return articles.flatMap((a) =>
    a.translations.map((t) => ({ id: a.slug, locale: t.locale, section: a.section, kind: a.kind, status: a.status, title: t.title, summary: t.summary, tags: t.tags, body: t.body })),
  );
}

export const toJsonl = (articles: readonly ExportedArticle[]): string => toRecords(articles).map((r) => `${JSON.stringify(r)}\n`).join('');

const yaml = (value: unknown) => stringify(value, { lineWidth: 0 });

/** `<dir>/<slug>/meta.yaml` and `<dir>/<slug>/<locale>.md` per article; returns the files written. */
export function writeMarkdownFolders(dir: string, articles: readonly ExportedArticle[]): number {
  let files = 0;
  for (const a of articles) {
    const folder = join(dir, a.slug);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'meta.yaml'), yaml({ category: a.category, section: a.section, kind: a.kind, status: a.status, top: a.top, pinned: a.pinned, related: a.related }));
    for (const t of a.translations) writeFileSync(join(folder, `${t.locale}.md`), `---\n${yaml({ title: t.title, summary: t.summary, tags: t.tags })}---\n\n${t.body}\n`);
    files += 1 + a.translations.length;
  }
  return files;
}
