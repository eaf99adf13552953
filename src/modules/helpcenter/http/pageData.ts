import type { Config } from '../../../config.js';
import type { DbOrTx } from '../../../platform/db/index.js';
import { locales as chromeLocales } from '../../../platform/i18n/index.js';
import { contentLocales } from '../locales.js';
import { helpTree, listPublished, type ArticleSummary, type HelpCategory, type HelpSection } from '../queries.js';
import { articleUrl } from '../urls.js';

/** What the help pages read, beyond single query calls: lists put together for one page. */

/** PUBLIC_URL without a trailing slash: canonical links and the sitemap are absolute. */
export const publicOrigin = (config: Pick<Config, 'PUBLIC_URL'>): string => config.PUBLIC_URL.replace(/\/+$/, '');

/** The help center's own page for other ways to reach support (seeded as `contact-support`). */
export const CONTACT_SLUG = 'contact-support';

/** Pinned announcements and security alerts: the notices above every help page. */
export const pinnedNotices = (db: DbOrTx, locale: string): Promise<ArticleSummary[]> =>
  listPublished(db, { locale, pinned: true, order: 'recent', limit: 3 });

/**
 * Languages the help center exists in: those with full page chrome, and any other in which at
 * least one article is published. Home and category pages are offered (hreflang, sitemap) in these.
 */
export async function siteLocales(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .selectFrom('article_translations')
    .innerJoin('articles', 'articles.id', 'article_translations.article_id')
    .select('article_translations.locale')
    .distinct()
    .where('articles.status', '=', 'published')
    .execute();
  const present = new Set<string>([...chromeLocales, ...rows.map((r) => r.locale)]);
  return contentLocales.filter((l) => present.has(l));
}

export async function homeLists(db: DbOrTx, locale: string) {
  const [tree, top, popular, announcements, alerts] = await Promise.all([
    helpTree(db, locale),
    listPublished(db, { locale, order: 'top', limit: 8 }),
    listPublished(db, { locale, order: 'popular', limit: 6 }),
    listPublished(db, { locale, kind: 'announcement', order: 'recent', limit: 5 }),
    listPublished(db, { locale, kind: 'security_alert', order: 'recent', limit: 5 }),
  ]);
  const news = [...announcements, ...alerts].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, 5);
  return { categories: tree.filter((c) => c.articleCount > 0), top, popular, announcements: news };
}

/** A category's sections that hold published articles, each with its articles in editorial order. */
export async function sectionsWithArticles(db: DbOrTx, category: HelpCategory, locale: string) {
  const filled = category.sections.filter((s) => s.articleCount > 0);
  const lists = await Promise.all(filled.map((s) => listPublished(db, { locale, sectionId: s.id, order: 'position', limit: 200 })));
  return filled
    .map((section, i): { section: HelpSection; articles: ArticleSummary[] } => ({ section, articles: lists[i] ?? [] }))
    .filter((s) => s.articles.length > 0);
}

/** Link to the contact article when it is published (and is not the page being read). */
export async function contactPath(db: DbOrTx, locale: string, currentSlug?: string): Promise<string | null> {
  if (currentSlug === CONTACT_SLUG) return null;
  const found = await db.selectFrom('articles').select('id').where('slug', '=', CONTACT_SLUG).where('status', '=', 'published').executeTakeFirst();
  return found ? articleUrl(locale, CONTACT_SLUG) : null;
}
