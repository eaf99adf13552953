import type { AppContext } from '../../../context.js';
import { recordEvent } from '../../../platform/bus/outbox.js';
import { nowIso } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/http/errors.js';
import type { AgentActor, RequestOrigin } from '../../identity/actor.js';
import { audit } from '../../identity/audit.js';
import { articleChanged } from '../knowledgeBase.js';
import type { ArticleRow } from '../queries.js';
import { applySettings, type ArticleSettings } from './articleSettings.js';
import { loadArticleForEdit } from './loadArticle.js';

export type ArticleStatus = ArticleRow['status'];

interface SettingsArgs {
  ctx: AppContext;
  /** null: the system (`ledgerdesk kb import`). */
  actor: AgentActor | null;
  articleId: string;
  settings: ArticleSettings;
  origin: RequestOrigin;
}

/** Moves, re-kinds, pins or features an article, or replaces its related articles. */
export async function articleUpdater({ ctx, actor, articleId, settings, origin }: SettingsArgs): Promise<ArticleRow> {
  return ctx.transaction(async (trx) => {
    const article = await loadArticleForEdit(trx, articleId);
    const changed = await applySettings(trx, article.id, settings);
    if (changed.length) {
      await audit(trx, { actor, action: 'article.updated', targetType: 'article', targetId: article.id, origin, details: { changed } });
      await recordEvent(trx, articleChanged, { articleId: article.id, change: 'settings' });
    }
    return trx.selectFrom('articles').selectAll().where('id', '=', article.id).executeTakeFirstOrThrow();
  });
}

interface StatusArgs {
  ctx: AppContext;
  /** null: the system (`ledgerdesk kb import`). */
  actor: AgentActor | null;
  articleId: string;
  status: ArticleStatus;
  origin: RequestOrigin;
}

/**
 * Publishes (readers and search see it at once), takes back to draft, or archives (gone from
 * every public page, the sitemap and search; kept with its history).
 */
export async function articleStatusChanger({ ctx, actor, articleId, status, origin }: StatusArgs): Promise<ArticleRow> {
  return ctx.transaction(async (trx) => {
    const article = await loadArticleForEdit(trx, articleId);
    if (article.status === status) return article;
    if (status === 'published') {
      const translation = await trx.selectFrom('article_translations').select('locale').where('article_id', '=', article.id).executeTakeFirst();
      if (!translation) throw new AppError('conflict', 'An article needs at least one translation before it can be published.', 'status');
    }
    const now = nowIso();
    await trx
      .updateTable('articles')
      .set({ status, updated_at: now, ...(status === 'published' ? { published_at: article.published_at ?? now } : {}) })
      .where('id', '=', article.id)
      .execute();
    await audit(trx, { actor, action: `article.${status}`, targetType: 'article', targetId: article.id, origin, details: { from: article.status } });
    await recordEvent(trx, articleChanged, { articleId: article.id, change: 'status', status });
    return trx.selectFrom('articles').selectAll().where('id', '=', article.id).executeTakeFirstOrThrow();
  });
}
