import type { Tx } from '../../../platform/db/index.js';
import { nowIso } from '../../../platform/db/ids.js';
import { AppError, invalidField } from '../../../platform/http/errors.js';
import type { ArticleKind } from '../queries.js';

/** Where an article sits and how it is featured; everything but its text. */
export interface ArticleSettings {
  /** Section slug. */
  section?: string;
  kind?: ArticleKind;
  /** Announcements and security alerts only: shown on every help-center page. */
  pinned?: boolean;
  /** Place in the curated "top questions" list; null takes it out. */
  topPosition?: number | null;
  /** Slugs of related articles, in display order. */
  related?: string[];
}

export async function sectionIdOf(trx: Tx, slug: string): Promise<string> {
  const section = await trx.selectFrom('help_sections').select('id').where('slug', '=', slug).executeTakeFirst();
  if (!section) throw invalidField('section', `There is no help-center section "${slug}".`);
  return section.id;
}

/**
 * Applies settings to an article row that already exists and returns the names of what
 * changed. Only announcements and security alerts can be pinned site-wide.
 */
export async function applySettings(trx: Tx, articleId: string, settings: ArticleSettings): Promise<string[]> {
  const article = await trx.selectFrom('articles').selectAll().where('id', '=', articleId).executeTakeFirstOrThrow();
  const set: Record<string, unknown> = {};
  if (settings.section !== undefined) {
    const sectionId = await sectionIdOf(trx, settings.section);
    if (sectionId !== article.section_id) set.section_id = sectionId;
  }
  if (settings.kind !== undefined && settings.kind !== article.kind) set.kind = settings.kind;
  if (settings.pinned !== undefined && (settings.pinned ? 1 : 0) !== article.pinned) set.pinned = settings.pinned ? 1 : 0;
  if (settings.topPosition !== undefined && settings.topPosition !== article.top_position) set.top_position = settings.topPosition;
  const kind = (set.kind as ArticleKind | undefined) ?? article.kind;
  const pinned = (set.pinned ?? article.pinned) === 1;
  if (pinned && kind === 'article') throw new AppError('field_invalid', 'Only announcements and security alerts can be pinned.', 'pinned');

  const changed = Object.keys(set);
  if (settings.related !== undefined && (await replaceRelated(trx, article.id, settings.related))) changed.push('related');
  if (changed.length) await trx.updateTable('articles').set({ ...set, updated_at: nowIso() }).where('id', '=', articleId).execute();
  return changed.map((c) => ({ section_id: 'section', top_position: 'topPosition' })[c] ?? c);
}

async function replaceRelated(trx: Tx, articleId: string, slugs: string[]): Promise<boolean> {
  const wanted = [...new Set(slugs)];
  const rows = wanted.length ? await trx.selectFrom('articles').select(['id', 'slug']).where('slug', 'in', wanted).execute() : [];
  const idOf = new Map(rows.map((r) => [r.slug, r.id]));
  const missing = wanted.find((s) => !idOf.has(s));
  if (missing) throw invalidField('related', `There is no article "${missing}".`);
  if (wanted.some((s) => idOf.get(s) === articleId)) throw invalidField('related', 'An article cannot be related to itself.');
  const current = await trx.selectFrom('article_relations').select('related_id').where('article_id', '=', articleId).orderBy('position').execute();
  const next = wanted.map((s) => idOf.get(s)!);
  if (current.map((r) => r.related_id).join() === next.join()) return false;
  await trx.deleteFrom('article_relations').where('article_id', '=', articleId).execute();
  if (next.length) await trx.insertInto('article_relations').values(next.map((related_id, position) => ({ article_id: articleId, related_id, position }))).execute();
  return true;
}
