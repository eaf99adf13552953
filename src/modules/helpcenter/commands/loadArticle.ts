import type { DbOrTx } from '../../../platform/db/index.js';
import { dialectOf } from '../../../platform/db/dialect.js';
import { UUID_PATTERN } from '../../../platform/db/ids.js';
import { notFound } from '../../../platform/http/errors.js';
import type { ArticleRow } from '../queries.js';

/** An article by id or slug, any status (locked for the edit on PostgreSQL when asked); 404 otherwise. */
export async function loadArticleForEdit(db: DbOrTx, idOrSlug: string, opts: { forUpdate?: boolean } = { forUpdate: true }): Promise<ArticleRow> {
  let query = db.selectFrom('articles').selectAll().where(UUID_PATTERN.test(idOrSlug) ? 'id' : 'slug', '=', idOrSlug);
  if (opts.forUpdate && dialectOf(db) === 'postgres') query = query.forUpdate();
  const article = await query.executeTakeFirst();
  if (!article) throw notFound('No such article.');
  return article;
}
