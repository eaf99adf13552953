import type { Tx } from '../../../platform/db/index.js';
import { newId, nowIso } from '../../../platform/db/ids.js';
import type { AgentActor } from '../../identity/actor.js';
import { parseTags, type TranslationRow } from '../queries.js';

/** What an editor writes for one locale of an article. */
export interface ArticleContent {
  title: string;
  summary: string;
  body: string;
  tags: string[];
}

/** Tags as readers and search see them: trimmed, without duplicates, in the editor's order. */
export const cleanTags = (tags: readonly string[]): string[] => [...new Set(tags.map((t) => t.trim()).filter(Boolean))];

/** Whether a stored translation already says exactly this (a save that changes nothing writes no version). */
export const sameContent = (current: TranslationRow, content: ArticleContent): boolean =>
  current.title === content.title &&
  current.summary === content.summary &&
  current.body === content.body &&
  JSON.stringify(parseTags(current.tags)) === JSON.stringify(cleanTags(content.tags));

/**
 * Writes the current text of one locale and freezes a copy in the version history, so every
 * change says who made it and when. Returns the new version's id.
 */
export async function writeTranslation(trx: Tx, actor: AgentActor | null, articleId: string, locale: string, content: ArticleContent): Promise<string> {
  const now = nowIso();
  const fields = { title: content.title, summary: content.summary, body: content.body, tags: JSON.stringify(cleanTags(content.tags)) };
  await trx
    .insertInto('article_translations')
    .values({ article_id: articleId, locale, ...fields, updated_at: now, updated_by: actor?.agentId ?? null })
    .onConflict((oc) => oc.columns(['article_id', 'locale']).doUpdateSet({ ...fields, updated_at: now, updated_by: actor?.agentId ?? null }))
    .execute();
  const versionId = newId();
  await trx
    .insertInto('article_versions')
    .values({ id: versionId, article_id: articleId, locale, ...fields, author_type: actor ? 'agent' : 'system', author_id: actor?.agentId ?? null, created_at: now })
    .execute();
  await trx.updateTable('articles').set({ updated_at: now }).where('id', '=', articleId).execute();
  return versionId;
}

/** The id of the newest version of one locale, or null when it was never written. */
export async function latestVersionId(trx: Tx, articleId: string, locale: string): Promise<string | null> {
  const row = await trx
    .selectFrom('article_versions')
    .select('id')
    .where('article_id', '=', articleId)
    .where('locale', '=', locale)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}
