import type { AppContext } from '../../../context.js';
import { recordEvent } from '../../../platform/bus/outbox.js';
import { newId, nowIso } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/http/errors.js';
import type { AgentActor, RequestOrigin } from '../../identity/actor.js';
import { audit } from '../../identity/audit.js';
import { articleChanged } from '../knowledgeBase.js';
import type { ArticleRow } from '../queries.js';
import { writeTranslation, type ArticleContent } from './articleContent.js';
import { applySettings, sectionIdOf, type ArticleSettings } from './articleSettings.js';

export interface NewArticle extends ArticleSettings {
  slug: string;
  section: string;
  locale: string;
  content: ArticleContent;
}

interface Args {
  ctx: AppContext;
  /** null: the system (`ledgerdesk kb import`). */
  actor: AgentActor | null;
  input: NewArticle;
  origin: RequestOrigin;
}

/** Creates a draft with its first translation; readers see nothing until it is published. */
export async function articleCreator({ ctx, actor, input, origin }: Args): Promise<ArticleRow> {
  return ctx.transaction(async (trx) => {
    const taken = await trx.selectFrom('articles').select('id').where('slug', '=', input.slug).executeTakeFirst();
    if (taken) throw new AppError('conflict', `An article with the slug "${input.slug}" already exists.`, 'slug');
    const id = newId();
    const now = nowIso();
    await trx
      .insertInto('articles')
      .values({
        id, slug: input.slug, section_id: await sectionIdOf(trx, input.section), kind: 'article', status: 'draft',
        top_position: null, pinned: 0, view_count: 0, created_at: now, updated_at: now, published_at: null,
      })
      .execute();
    await applySettings(trx, id, { kind: input.kind, pinned: input.pinned, topPosition: input.topPosition, related: input.related });
    await writeTranslation(trx, actor, id, input.locale, input.content);
    await audit(trx, { actor, action: 'article.created', targetType: 'article', targetId: id, origin, details: { slug: input.slug, locale: input.locale } });
    await recordEvent(trx, articleChanged, { articleId: id, change: 'created' });
    return trx.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  });
}
