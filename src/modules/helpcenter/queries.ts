import type { Selectable } from 'kysely';
import type { DbOrTx } from '../../platform/db/index.js';
import type { ArticlesTable, ArticleTranslationsTable } from '../../platform/db/schema.js';
import { fallbackChain, pickTranslation } from './locales.js';
import { groupBy } from '../../platform/collections.js';

/** Read side of the help center. Readers only ever see published articles through these. */
export type ArticleRow = Selectable<ArticlesTable>;
export type TranslationRow = Selectable<ArticleTranslationsTable>;
export type ArticleKind = ArticleRow['kind'];

export interface Label {
  title: string;
  description: string | null;
}

export interface ArticleSummary {
  id: string;
  slug: string;
  kind: ArticleKind;
  /** The locale of the text shown, which differs from the one asked for when it falls back. */
  locale: string;
  title: string;
  summary: string;
  updatedAt: string;
  viewCount: number;
  pinned: boolean;
}

export interface Breadcrumbs {
  category: { id: string; slug: string; title: string };
  section: { id: string; slug: string; title: string };
}

export interface PublishedArticle extends ArticleSummary {
  body: string;
  tags: string[];
  publishedAt: string | null;
  /** Every locale this article is written in (for hreflang and the language switcher). */
  locales: string[];
  breadcrumbs: Breadcrumbs;
}

export const parseTags = (json: string): string[] => {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
};

function summaryOf(article: ArticleRow, t: TranslationRow): ArticleSummary {
  return {
    id: article.id, slug: article.slug, kind: article.kind, locale: t.locale, title: t.title, summary: t.summary,
    updatedAt: t.updated_at > article.updated_at ? t.updated_at : article.updated_at, viewCount: article.view_count, pinned: article.pinned === 1,
  };
}

/** Labels of categories/sections in the reader's locale (falling back like articles do). */
export async function labelsFor(db: DbOrTx, ownerIds: string[], locale: string): Promise<Map<string, Label>> {
  if (ownerIds.length === 0) return new Map();
  const rows = await db.selectFrom('help_labels').selectAll().where('owner_id', 'in', ownerIds).execute();
  const byOwner = groupBy(rows, (r) => r.owner_id);
  const out = new Map<string, Label>();
  for (const [owner, labels] of byOwner) {
    const picked = pickTranslation(labels, locale);
    if (picked) out.set(owner, { title: picked.title, description: picked.description });
  }
  return out;
}

/** Translations of these articles, best one per article for `locale`. */
async function pickedTranslations(db: DbOrTx, articleIds: string[], locale: string): Promise<Map<string, TranslationRow>> {
  if (articleIds.length === 0) return new Map();
  const rows = await db.selectFrom('article_translations').selectAll().where('article_id', 'in', articleIds).execute();
  const out = new Map<string, TranslationRow>();
  for (const [id, list] of groupBy(rows, (r) => r.article_id)) {
    const picked = pickTranslation(list, locale);
    if (picked) out.set(id, picked);
  }
  return out;
}

/** Summaries of published articles in the given order (unknown or unpublished ids are dropped). */
export async function summariesOf(db: DbOrTx, articles: ArticleRow[], locale: string): Promise<ArticleSummary[]> {
  const live = articles.filter((a) => a.status === 'published');
  const translations = await pickedTranslations(db, live.map((a) => a.id), locale);
  return live.flatMap((a) => {
    const t = translations.get(a.id);
    return t ? [summaryOf(a, t)] : [];
  });
}

export type ListOrder = 'top' | 'popular' | 'recent' | 'position';

export interface ListFilter {
  locale: string;
  sectionId?: string;
  /** Section or category by their public slug; an unknown one lists nothing. */
  sectionSlug?: string;
  categorySlug?: string;
  kind?: ArticleKind;
  pinned?: boolean;
  order?: ListOrder;
  limit?: number;
}

/**
 * Published articles for a list on a page or in the API: curated top questions, most viewed,
 * newest (announcements), or a section's articles in editorial order.
 */
export async function listPublished(db: DbOrTx, filter: ListFilter): Promise<ArticleSummary[]> {
  let query = db.selectFrom('articles').selectAll('articles').where('articles.status', '=', 'published');
  if (filter.sectionId) query = query.where('articles.section_id', '=', filter.sectionId);
  if (filter.sectionSlug || filter.categorySlug) {
    let placed = query.innerJoin('help_sections', 'help_sections.id', 'articles.section_id');
    if (filter.sectionSlug) placed = placed.where('help_sections.slug', '=', filter.sectionSlug);
    if (filter.categorySlug) {
      placed = placed.innerJoin('help_categories', 'help_categories.id', 'help_sections.category_id').where('help_categories.slug', '=', filter.categorySlug);
    }
    query = placed;
  }
  if (filter.kind) query = query.where('articles.kind', '=', filter.kind);
  if (filter.pinned !== undefined) query = query.where('articles.pinned', '=', filter.pinned ? 1 : 0);
  switch (filter.order ?? 'position') {
    case 'top':
      query = query.where('articles.top_position', 'is not', null).orderBy('articles.top_position');
      break;
    case 'popular':
      query = query.orderBy('articles.view_count', 'desc').orderBy('articles.id');
      break;
    case 'recent':
      query = query.orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc');
      break;
    case 'position':
      query = query.orderBy('articles.top_position').orderBy('articles.id');
  }
  const rows = await query.limit(filter.limit ?? 50).execute();
  return summariesOf(db, rows, filter.locale);
}

export interface HelpSection {
  id: string;
  slug: string;
  title: string;
  articleCount: number;
}

export interface HelpCategory {
  id: string;
  slug: string;
  icon: string | null;
  title: string;
  description: string | null;
  sections: HelpSection[];
  articleCount: number;
}

/** Categories with their sections and how many published articles each holds. */
export async function helpTree(db: DbOrTx, locale: string): Promise<HelpCategory[]> {
  const categories = await db.selectFrom('help_categories').selectAll().orderBy('position').execute();
  const sections = await db.selectFrom('help_sections').selectAll().orderBy('position').execute();
  const counts = await db
    .selectFrom('articles')
    .select(['section_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'published')
    .groupBy('section_id')
    .execute();
  const countOf = new Map(counts.map((c) => [c.section_id, Number(c.n)]));
  const labels = await labelsFor(db, [...categories.map((c) => c.id), ...sections.map((s) => s.id)], locale);
  const sectionsOf = groupBy(sections, (s) => s.category_id);
  return categories.map((c) => {
    const own = (sectionsOf.get(c.id) ?? []).map((s) => ({ id: s.id, slug: s.slug, title: labels.get(s.id)?.title ?? s.slug, articleCount: countOf.get(s.id) ?? 0 }));
    return {
      id: c.id, slug: c.slug, icon: c.icon, title: labels.get(c.id)?.title ?? c.slug, description: labels.get(c.id)?.description ?? null,
      sections: own, articleCount: own.reduce((sum, s) => sum + s.articleCount, 0),
    };
  });
}

export async function breadcrumbsOf(db: DbOrTx, sectionId: string, locale: string): Promise<Breadcrumbs> {
  const section = await db.selectFrom('help_sections').selectAll().where('id', '=', sectionId).executeTakeFirstOrThrow();
  const category = await db.selectFrom('help_categories').selectAll().where('id', '=', section.category_id).executeTakeFirstOrThrow();
  const labels = await labelsFor(db, [section.id, category.id], locale);
  return {
    category: { id: category.id, slug: category.slug, title: labels.get(category.id)?.title ?? category.slug },
    section: { id: section.id, slug: section.slug, title: labels.get(section.id)?.title ?? section.slug },
  };
}

/** A published article by slug, in the reader's locale or the best fallback; null for drafts and archived ones. */
export async function publishedArticle(db: DbOrTx, slug: string, locale: string): Promise<PublishedArticle | null> {
  const article = await db.selectFrom('articles').selectAll().where('slug', '=', slug).where('status', '=', 'published').executeTakeFirst();
  if (!article) return null;
  const translations = await db.selectFrom('article_translations').selectAll().where('article_id', '=', article.id).execute();
  const t = pickTranslation(translations, locale);
  if (!t) return null;
  const order = fallbackChain('en');
  return {
    ...summaryOf(article, t),
    body: t.body,
    tags: parseTags(t.tags),
    publishedAt: article.published_at,
    locales: translations.map((x) => x.locale).sort((a, b) => order.indexOf(a) - order.indexOf(b)),
    breadcrumbs: await breadcrumbsOf(db, article.section_id, locale),
  };
}

export async function relatedArticles(db: DbOrTx, articleId: string, locale: string): Promise<ArticleSummary[]> {
  const rows = await db
    .selectFrom('article_relations')
    .innerJoin('articles', 'articles.id', 'article_relations.related_id')
    .selectAll('articles')
    .where('article_relations.article_id', '=', articleId)
    .orderBy('article_relations.position')
    .execute();
  return summariesOf(db, rows, locale);
}

export async function categoryBySlug(db: DbOrTx, slug: string, locale: string): Promise<HelpCategory | null> {
  return (await helpTree(db, locale)).find((c) => c.slug === slug) ?? null;
}

/** Everything a crawler should find: published articles with their locales and last change. */
export async function sitemapArticles(db: DbOrTx): Promise<{ slug: string; locales: string[]; updatedAt: string }[]> {
  const rows = await db
    .selectFrom('articles')
    .innerJoin('article_translations', 'article_translations.article_id', 'articles.id')
    .select(['articles.slug', 'articles.updated_at as articleUpdated', 'article_translations.locale', 'article_translations.updated_at'])
    .where('articles.status', '=', 'published')
    .orderBy('articles.slug')
    .execute();
  return [...groupBy(rows, (r) => r.slug)].map(([slug, list]) => ({
    slug,
    locales: list.map((r) => r.locale).sort(),
    updatedAt: list.reduce((max, r) => (r.updated_at > max ? r.updated_at : max), list[0]!.articleUpdated),
  }));
}
