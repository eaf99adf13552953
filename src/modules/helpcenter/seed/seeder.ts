import type { AppContext } from '../../../context.js';
import { newId, nowIso } from '../../../platform/db/ids.js';
import { defaultSynonyms } from '../../../platform/search/index.js';
import { loadSeedContent, seedLocales, type SeedContent } from './seedContent.js';
import { claimOnce } from '../../../platform/db/settings.js';

const MARKER = 'helpcenter_seeded';

/**
 * Loads the shipped help-center content into an empty help center, once, in one transaction.
 * An installation that already has categories (its own or the seed) is left alone, so admins'
 * edits and deletions are never overwritten by an upgrade.
 */
export async function seedHelpCenter(ctx: AppContext, content: SeedContent = loadSeedContent()): Promise<number> {
  return ctx.transaction(async (trx) => {
    const done = await trx.selectFrom('settings').select('key').where('key', '=', MARKER).executeTakeFirst();
    const existing = await trx.selectFrom('help_categories').select('id').limit(1).executeTakeFirst();
    if (done || existing) return 0;
    // Claim first: a second node starting at the same moment conflicts here and rolls back.
    await trx.insertInto('settings').values({ key: MARKER, value: nowIso() }).execute();

    const now = nowIso();
    const sectionIds = new Map<string, string>();
    for (const [position, category] of content.categories.entries()) {
      const categoryId = newId();
      await trx.insertInto('help_categories').values({ id: categoryId, slug: category.slug, position, icon: category.icon ?? null, created_at: now }).execute();
      await trx
        .insertInto('help_labels')
        .values(seedLocales.map((locale) => ({ owner_id: categoryId, locale, title: category.title[locale], description: category.description[locale] })))
        .execute();
      for (const [sectionPosition, section] of category.sections.entries()) {
        const sectionId = newId();
        sectionIds.set(section.slug, sectionId);
        await trx.insertInto('help_sections').values({ id: sectionId, category_id: categoryId, slug: section.slug, position: sectionPosition, created_at: now }).execute();
        await trx.insertInto('help_labels').values(seedLocales.map((locale) => ({ owner_id: sectionId, locale, title: section.title[locale], description: null }))).execute();
      }
    }

    const articleIds = new Map<string, string>();
    let topPosition = 0;
    for (const article of content.articles) {
      const id = newId();
      articleIds.set(article.slug, id);
      await trx
        .insertInto('articles')
        .values({
          id, slug: article.slug, section_id: sectionIds.get(article.section)!, kind: article.kind, status: 'published',
          top_position: article.top ? topPosition++ : null, pinned: article.pinned ? 1 : 0, view_count: 0,
          created_at: now, updated_at: now, published_at: now,
        })
        .execute();
      for (const locale of seedLocales) {
        const t = article.translations[locale];
        const fields = { title: t.title, summary: t.summary, body: t.body, tags: JSON.stringify(t.tags) };
        await trx.insertInto('article_translations').values({ article_id: id, locale, ...fields, updated_at: now, updated_by: null }).execute();
        await trx.insertInto('article_versions').values({ id: newId(), article_id: id, locale, ...fields, author_type: 'system', author_id: null, created_at: now }).execute();
      }
    }
    for (const article of content.articles) {
      const related = article.related.map((slug, position) => ({ article_id: articleIds.get(article.slug)!, related_id: articleIds.get(slug)!, position }));
      if (related.length) await trx.insertInto('article_relations').values(related).execute();
    }
    return content.articles.length;
  });
}

/**
 * The shipped synonym groups (充值 = 充币 = deposit = 입금 …), written once whatever
 * SEED_HELP_CENTER says, so admins can edit and delete them like their own.
 */
export async function seedSynonyms(ctx: AppContext): Promise<void> {
  await ctx.transaction(async (trx) => {
    const now = nowIso();
    if (!(await claimOnce(trx, 'search_synonyms_seeded'))) return;
    await trx
      .insertInto('search_synonyms')
      .values(defaultSynonyms.map((terms) => ({ id: newId(), terms: JSON.stringify(terms), created_at: now, updated_at: now })))
      .execute();
  });
}
