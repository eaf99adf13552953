import type { DbOrTx } from '../../platform/db/index.js';
import { containsText } from '../../platform/db/text.js';
import { decodeCursor, pageOf, type Page } from '../../platform/http/pagination.js';
import { groupBy } from '../../platform/collections.js';
import { loadArticleForEdit } from './commands/loadArticle.js';
import { parseTags, type ArticleRow } from './queries.js';

/** What editors see: every status, every locale, who changed what. */
export interface EditorTranslation {
  locale: string;
  title: string;
  summary: string;
  body: string;
  tags: string[];
  updatedAt: string;
  updatedBy: string | null;
  /** Send back as `baseVersionId` when saving, to be told if someone else saved meanwhile. */
  versionId: string | null;
}

export interface EditorArticle {
  article: ArticleRow;
  sectionSlug: string;
  related: string[];
  translations: EditorTranslation[];
  feedback: { helpful: number; unhelpful: number };
}

export async function articleForEditor(db: DbOrTx, idOrSlug: string): Promise<EditorArticle> {
  const article = await loadArticleForEdit(db, idOrSlug, {});
  const section = await db.selectFrom('help_sections').select('slug').where('id', '=', article.section_id).executeTakeFirstOrThrow();
  const related = await db
    .selectFrom('article_relations')
    .innerJoin('articles', 'articles.id', 'article_relations.related_id')
    .select('articles.slug')
    .where('article_relations.article_id', '=', article.id)
    .orderBy('article_relations.position')
    .execute();
  const translations = await db.selectFrom('article_translations').selectAll().where('article_id', '=', article.id).orderBy('locale').execute();
  const versions = await db
    .selectFrom('article_versions')
    .select(['locale', (eb) => eb.fn.max('id').as('id')])
    .where('article_id', '=', article.id)
    .groupBy('locale')
    .execute();
  const latest = new Map(versions.map((v) => [v.locale, v.id as string]));
  const votes = await db
    .selectFrom('article_feedback')
    .select(['helpful', (eb) => eb.fn.countAll<number>().as('n')])
    .where('article_id', '=', article.id)
    .groupBy('helpful')
    .execute();
  const count = (helpful: 0 | 1) => Number(votes.find((v) => Number(v.helpful) === helpful)?.n ?? 0);
  return {
    article,
    sectionSlug: section.slug,
    related: related.map((r) => r.slug),
    translations: translations.map((t) => ({
      locale: t.locale, title: t.title, summary: t.summary, body: t.body, tags: parseTags(t.tags),
      updatedAt: t.updated_at, updatedBy: t.updated_by, versionId: latest.get(t.locale) ?? null,
    })),
    feedback: { helpful: count(1), unhelpful: count(0) },
  };
}

export interface EditorListItem {
  id: string;
  slug: string;
  kind: ArticleRow['kind'];
  status: ArticleRow['status'];
  locales: string[];
  title: string;
  updatedAt: string;
  viewCount: number;
}

export interface EditorListFilter {
  status?: ArticleRow['status'];
  section?: string;
  kind?: ArticleRow['kind'];
  /** Part of a title in any locale. */
  q?: string;
  limit: number;
  cursor?: string;
}

/** Every article, newest first, drafts and archived included. */
export async function listForEditor(db: DbOrTx, filter: EditorListFilter): Promise<Page<EditorListItem>> {
  let query = db.selectFrom('articles').selectAll('articles');
  if (filter.status) query = query.where('articles.status', '=', filter.status);
  if (filter.kind) query = query.where('articles.kind', '=', filter.kind);
  if (filter.section) {
    query = query.innerJoin('help_sections', 'help_sections.id', 'articles.section_id').where('help_sections.slug', '=', filter.section);
  }
  if (filter.q) {
    const q = filter.q;
    query = query.where((eb) =>
      eb.exists(
        eb.selectFrom('article_translations as t')
          .select('t.article_id')
          .whereRef('t.article_id', '=', 'articles.id')
          .where((inner) => inner.or([containsText(inner.ref('t.title'), q), containsText(inner.ref('articles.slug'), q)])),
      ),
    );
  }
  if (filter.cursor) query = query.where('articles.id', '<', decodeCursor(filter.cursor));
  const rows = await query.orderBy('articles.id', 'desc').limit(filter.limit + 1).execute();
  const page = pageOf(rows, filter.limit);
  const ids = page.items.map((a) => a.id);
  const translations = ids.length
    ? await db.selectFrom('article_translations').select(['article_id', 'locale', 'title']).where('article_id', 'in', ids).execute()
    : [];
  const byArticle = groupBy(translations, (t) => t.article_id);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((a) => {
      const list = byArticle.get(a.id) ?? [];
      const title = (list.find((t) => t.locale === 'en') ?? list[0])?.title ?? a.slug;
      return { id: a.id, slug: a.slug, kind: a.kind, status: a.status, locales: list.map((t) => t.locale).sort(), title, updatedAt: a.updated_at, viewCount: a.view_count };
    }),
  };
}

export interface VersionEntry {
  id: string;
  locale: string;
  title: string;
  summary: string;
  body: string;
  tags: string[];
  author: { type: string; id: string | null; name: string | null };
  createdAt: string;
}

/** The history of one article (optionally one locale), newest first, with who wrote each version. */
export async function versionsOf(db: DbOrTx, idOrSlug: string, locale?: string): Promise<VersionEntry[]> {
  const article = await loadArticleForEdit(db, idOrSlug, {});
  let query = db
    .selectFrom('article_versions')
    .leftJoin('agents', 'agents.id', 'article_versions.author_id')
    .selectAll('article_versions')
    .select('agents.name as authorName')
    .where('article_versions.article_id', '=', article.id);
  if (locale) query = query.where('article_versions.locale', '=', locale);
  const rows = await query.orderBy('article_versions.id', 'desc').limit(200).execute();
  return rows.map((v) => ({
    id: v.id, locale: v.locale, title: v.title, summary: v.summary, body: v.body, tags: parseTags(v.tags),
    author: { type: v.author_type, id: v.author_id, name: v.authorName ?? null }, createdAt: v.created_at,
  }));
}
