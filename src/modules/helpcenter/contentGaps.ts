import type { DbOrTx } from '../../platform/db/index.js';
import { gapKey } from './knowledgeBase.js';

/** One thing users ask that the help center does not answer well, for the admins' report. */
export type ContentGap =
  | { kind: 'search'; locale: string; query: string; count: number; firstAt: string; lastAt: string }
  | {
      kind: 'unhelpful';
      articleId: string;
      slug: string;
      title: string;
      locale: string;
      count: number;
      helpful: number;
      comments: string[];
      lastAt: string;
    };

const COMMENTS_PER_ARTICLE = 5;

/**
 * Searches that found nothing and articles voted unhelpful, in one list ranked by how many
 * readers hit them (then by recency). An article's helpful votes are shown beside its
 * unhelpful ones so an admin can tell a bad article from a contested one.
 */
export async function contentGaps(db: DbOrTx, opts: { locale?: string; limit: number }): Promise<ContentGap[]> {
  let searches = db.selectFrom('search_gaps').selectAll().orderBy('count', 'desc').orderBy('last_at', 'desc').limit(opts.limit);
  if (opts.locale) searches = searches.where('locale', '=', opts.locale);
  let votes = db
    .selectFrom('article_feedback')
    .select(['article_id', 'locale', 'helpful', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('created_at').as('last')])
    .groupBy(['article_id', 'locale', 'helpful']);
  if (opts.locale) votes = votes.where('locale', '=', opts.locale);
  const [searchRows, voteRows] = await Promise.all([searches.execute(), votes.execute()]);

  const tally = new Map<string, { articleId: string; locale: string; unhelpful: number; helpful: number; lastAt: string }>();
  for (const row of voteRows) {
    const key = `${row.article_id}|${row.locale}`;
    const entry = tally.get(key) ?? { articleId: row.article_id, locale: row.locale, unhelpful: 0, helpful: 0, lastAt: '' };
    if (Number(row.helpful) === 1) entry.helpful += Number(row.n);
    else {
      entry.unhelpful += Number(row.n);
      entry.lastAt = String(row.last);
    }
    tally.set(key, entry);
  }
  const unhelpful = [...tally.values()].filter((e) => e.unhelpful > 0).sort((a, b) => b.unhelpful - a.unhelpful).slice(0, opts.limit);
  const articleIds = [...new Set(unhelpful.map((e) => e.articleId))];
  const [articles, titles, comments] = articleIds.length
    ? await Promise.all([
        db.selectFrom('articles').select(['id', 'slug']).where('id', 'in', articleIds).execute(),
        db.selectFrom('article_translations').select(['article_id', 'locale', 'title']).where('article_id', 'in', articleIds).execute(),
        db
          .selectFrom('article_feedback')
          .select(['article_id', 'locale', 'comment'])
          .where('article_id', 'in', articleIds)
          .where('helpful', '=', 0)
          .where('comment', 'is not', null)
          .orderBy('id', 'desc')
          .execute(),
      ])
    : [[], [], []];
  const slugOf = new Map(articles.map((a) => [a.id, a.slug]));

  const gaps: ContentGap[] = [
    ...searchRows.map((r) => ({ kind: 'search' as const, locale: r.locale, query: r.query, count: Number(r.count), firstAt: r.first_at, lastAt: r.last_at })),
    ...unhelpful.map((e) => ({
      kind: 'unhelpful' as const,
      articleId: e.articleId,
      slug: slugOf.get(e.articleId) ?? '',
      title: (titles.find((t) => t.article_id === e.articleId && t.locale === e.locale) ?? titles.find((t) => t.article_id === e.articleId))?.title ?? '',
      locale: e.locale,
      count: e.unhelpful,
      helpful: e.helpful,
      comments: comments.filter((c) => c.article_id === e.articleId && c.locale === e.locale).slice(0, COMMENTS_PER_ARTICLE).map((c) => c.comment!),
      lastAt: e.lastAt,
    })),
  ];
  return gaps.sort((a, b) => b.count - a.count || (a.lastAt < b.lastAt ? 1 : -1)).slice(0, opts.limit);
}

/** An admin marks a search gap as handled (an article now answers it); it starts counting afresh. */
export async function dismissSearchGap(db: DbOrTx, locale: string, query: string): Promise<boolean> {
  const removed = await db.deleteFrom('search_gaps').where('locale', '=', locale).where('query', '=', gapKey(query)).executeTakeFirst();
  return Number(removed.numDeletedRows) > 0;
}
