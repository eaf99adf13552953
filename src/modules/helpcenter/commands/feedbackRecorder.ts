import type { AppContext } from '../../../context.js';
import { newId, nowIso } from '../../../platform/db/ids.js';
import { notFound } from '../../../platform/http/errors.js';

interface Args {
  ctx: AppContext;
  slug: string;
  locale: string;
  helpful: boolean;
  comment?: string | undefined;
  /** A keyed hash of the reader (never their address): one vote per reader and article. */
  clientHash: string;
}

/**
 * "Was this helpful?" A reader who votes again changes their vote rather than adding one, so
 * counts cannot be pumped by reloading. Unhelpful votes feed the content-gaps report.
 */
export async function feedbackRecorder({ ctx, slug, locale, helpful, comment, clientHash }: Args): Promise<{ replaced: boolean }> {
  return ctx.transaction(async (trx) => {
    const article = await trx.selectFrom('articles').select('id').where('slug', '=', slug).where('status', '=', 'published').executeTakeFirst();
    if (!article) throw notFound('No such article.');
    const removed = await trx.deleteFrom('article_feedback').where('article_id', '=', article.id).where('client_hash', '=', clientHash).executeTakeFirst();
    await trx
      .insertInto('article_feedback')
      .values({ id: newId(), article_id: article.id, locale, helpful: helpful ? 1 : 0, comment: comment?.trim() || null, client_hash: clientHash, created_at: nowIso() })
      .execute();
    return { replaced: Number(removed.numDeletedRows) > 0 };
  });
}
