import type { AppContext } from '../../../context.js';
import { recordEvent } from '../../../platform/bus/outbox.js';
import { AppError } from '../../../platform/http/errors.js';
import type { AgentActor, RequestOrigin } from '../../identity/actor.js';
import { audit } from '../../identity/audit.js';
import { articleChanged } from '../knowledgeBase.js';
import { latestVersionId, sameContent, writeTranslation, type ArticleContent } from './articleContent.js';
import { loadArticleForEdit } from './loadArticle.js';

interface Args {
  ctx: AppContext;
  /** null: the system (`ledgerdesk kb import`). */
  actor: AgentActor | null;
  articleId: string;
  locale: string;
  content: ArticleContent;
  /**
   * The version the editor started from. When someone else saved since, the write is refused
   * with 409 instead of silently overwriting their change. Omit to write unconditionally.
   */
  baseVersionId?: string | null;
  origin: RequestOrigin;
}

export interface TranslationWritten {
  versionId: string;
  created: boolean;
  changed: boolean;
}

/**
 * Adds or replaces one locale of an article. A published article's change is live (and in
 * every node's search index) as soon as this commits; an unchanged text writes nothing.
 */
export async function translationWriter({ ctx, actor, articleId, locale, content, baseVersionId, origin }: Args): Promise<TranslationWritten> {
  return ctx.transaction(async (trx) => {
    const article = await loadArticleForEdit(trx, articleId);
    const current = await trx.selectFrom('article_translations').selectAll().where('article_id', '=', article.id).where('locale', '=', locale).executeTakeFirst();
    const latest = await latestVersionId(trx, article.id, locale);
    if (baseVersionId !== undefined && baseVersionId !== latest) {
      throw new AppError('conflict', 'This translation was changed by someone else since you opened it; reload to see their version.', 'baseVersionId');
    }
    if (current && sameContent(current, content) && latest) return { versionId: latest, created: false, changed: false };

    const versionId = await writeTranslation(trx, actor, article.id, locale, content);
    await audit(trx, { actor, action: current ? 'article.translation_updated' : 'article.translation_added', targetType: 'article', targetId: article.id, origin, details: { locale, versionId } });
    await recordEvent(trx, articleChanged, { articleId: article.id, change: 'translation', locale });
    return { versionId, created: !current, changed: true };
  });
}
