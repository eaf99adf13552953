import type { AppContext } from '../../../context.js';
import type { DbOrTx } from '../../../platform/db/index.js';
import type { RequestOrigin } from '../../identity/actor.js';
import { sameContent } from '../commands/articleContent.js';
import { articleCreator } from '../commands/articleCreator.js';
import type { ArticleSettings } from '../commands/articleSettings.js';
import { articleStatusChanger, articleUpdater, type ArticleStatus } from '../commands/articleUpdater.js';
import { translationWriter } from '../commands/translationWriter.js';
import { groupBy } from '../../../platform/collections.js';
import type { ArticleRow, TranslationRow } from '../queries.js';
import { ContentError, type ImportArticle, type ImportTranslation } from './articleFiles.js';
import { relatedSlugs } from './articleExporter.js';

/**
 * `ledgerdesk kb import`: compares the articles of a file with the database, refuses the whole
 * import if any of them could not be written, then writes the differences through the same
 * commands the editing API uses (as the system, audited), so versions, events and the search
 * index follow exactly as for an editor's save. Importing the same file again writes nothing.
 */
export interface ImportOptions {
  /** Publish the articles whose source names no status. */
  publish?: boolean;
  /** Section of the articles whose source names none. */
  section?: string | undefined;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  published: number;
  translationsWritten: number;
}

interface Existing {
  row: ArticleRow;
  section: string;
  related: string[];
  translations: Map<string, TranslationRow>;
}

/** What writing one article takes: each field is set only when something changes. */
export interface PlannedArticle {
  source: ImportArticle;
  existing: Existing | undefined;
  section: string | undefined;
  settings: ArticleSettings;
  related: string[] | undefined;
  write: ImportTranslation[];
  status: ArticleStatus | undefined;
}

const origin: RequestOrigin = { ip: null, userAgent: 'ledgerdesk kb import' };
const CHUNK = 500;

async function loadExisting(db: DbOrTx, slugs: Set<string>) {
  const sections = await db
    .selectFrom('help_sections')
    .innerJoin('help_categories', 'help_categories.id', 'help_sections.category_id')
    .select(['help_sections.id as id', 'help_sections.slug as slug', 'help_categories.slug as category'])
    .execute();
  const articles = await db.selectFrom('articles').selectAll().execute();
  const relatedOf = await relatedSlugs(db);
  const mine = articles.filter((a) => slugs.has(a.slug));
  const translations: TranslationRow[] = [];
  for (let i = 0; i < mine.length; i += CHUNK) {
    const ids = mine.slice(i, i + CHUNK).map((a) => a.id);
    translations.push(...(await db.selectFrom('article_translations').selectAll().where('article_id', 'in', ids).execute()));
  }
  const sectionById = new Map(sections.map((s) => [s.id, s.slug]));
  const translationsOf = groupBy(translations, (t) => t.article_id);
  const existing = new Map<string, Existing>(
    mine.map((row) => [
      row.slug,
      {
        row,
        section: sectionById.get(row.section_id) ?? '',
        related: relatedOf.get(row.id) ?? [],
        translations: new Map((translationsOf.get(row.id) ?? []).map((t) => [t.locale, t])),
      },
    ]),
  );
  const topPositions = articles.map((a) => a.top_position).filter((p): p is number => p !== null);
  return {
    existing,
    allSlugs: new Set(articles.map((a) => a.slug)),
    categoryOf: new Map(sections.map((s) => [s.slug, s.category])),
    nextTop: topPositions.length ? Math.max(...topPositions) + 1 : 0,
  };
}

/** Validates the import against the database (read only) and works out what to write; throws ContentError. */
export async function planImport(db: DbOrTx, articles: ImportArticle[], options: ImportOptions = {}): Promise<PlannedArticle[]> {
  const importing = new Set(articles.map((a) => a.slug));
  const known = await loadExisting(db, importing);
  if (known.categoryOf.size === 0) {
    throw new ContentError(['the help center has no sections yet: create its categories and sections first (PUT /api/v1/kb/categories/:slug and /api/v1/kb/sections/:slug)']);
  }
  let nextTop = known.nextTop;
  const problems: string[] = [];
  const plan = articles.map((a): PlannedArticle => {
    const existing = known.existing.get(a.slug);
    const row = existing?.row;
    const section = a.section ?? options.section;
    const problem = (field: string, text: string) => problems.push(`${a.where}: ${field}: ${text}`);
    if (section !== undefined && !known.categoryOf.has(section)) problem('section', `there is no help-center section "${section}"`);
    else if (section === undefined && !existing) problem('section', 'a new article needs a section (in the file, or --section)');
    else if (section !== undefined && a.category !== undefined && known.categoryOf.get(section) !== a.category) {
      problem('category', `section "${section}" is in category "${known.categoryOf.get(section)}", not "${a.category}"`);
    }
    if ((a.pinned ?? row?.pinned === 1) && (a.kind ?? row?.kind ?? 'article') === 'article') problem('pinned', 'only announcements and security alerts can be pinned');
    for (const related of a.related ?? []) {
      if (related === a.slug) problem('related', 'an article cannot be related to itself');
      else if (!importing.has(related) && !known.allSlugs.has(related)) problem('related', `there is no article "${related}"`);
    }

    const settings: ArticleSettings = {};
    if (section !== undefined && section !== existing?.section) settings.section = section;
    if (a.kind !== undefined && a.kind !== (row?.kind ?? 'article')) settings.kind = a.kind;
    if (a.pinned !== undefined && a.pinned !== (row?.pinned === 1)) settings.pinned = a.pinned;
    if (a.top && (row?.top_position ?? null) === null) settings.topPosition = nextTop++;
    if (a.top === false && row && row.top_position !== null) settings.topPosition = null;
    const related = a.related && a.related.join('\n') !== (existing?.related ?? []).join('\n') ? a.related : undefined;
    const write = a.translations.filter((t) => {
      const current = existing?.translations.get(t.locale);
      return !current || !sameContent(current, t.content);
    });
    const status = a.status ?? (options.publish ? 'published' : (row?.status ?? 'draft'));
    return { source: a, existing, section, settings, related, write, status: status === (row?.status ?? 'draft') ? undefined : status };
  });
  if (problems.length) throw new ContentError(problems);
  return plan;
}

const changes = (p: PlannedArticle) => Object.keys(p.settings).length > 0 || p.related !== undefined || p.write.length > 0 || p.status !== undefined;

export function countPlan(plan: PlannedArticle[]): ImportCounts {
  return {
    created: plan.filter((p) => !p.existing).length,
    updated: plan.filter((p) => p.existing && changes(p)).length,
    unchanged: plan.filter((p) => p.existing && !changes(p)).length,
    published: plan.filter((p) => p.status === 'published').length,
    translationsWritten: plan.reduce((sum, p) => sum + p.write.length, 0),
  };
}

/** Writes a plan through the editing commands, as the system. Related articles go last: they may be new too. */
export async function applyImport(ctx: AppContext, plan: PlannedArticle[]): Promise<void> {
  const base = { ctx, actor: null, origin };
  for (const p of plan) {
    let articleId = p.existing?.row.id;
    let write = p.write;
    if (!articleId) {
      const [first, ...rest] = p.write;
      const input = { slug: p.source.slug, section: p.section!, locale: first!.locale, content: first!.content, ...p.settings };
      articleId = (await articleCreator({ ...base, input })).id;
      write = rest;
    } else if (Object.keys(p.settings).length) {
      await articleUpdater({ ...base, articleId, settings: p.settings });
    }
    for (const t of write) await translationWriter({ ...base, articleId, locale: t.locale, content: t.content });
    if (p.status) await articleStatusChanger({ ...base, articleId, status: p.status });
  }
  for (const p of plan) if (p.related) await articleUpdater({ ...base, articleId: p.source.slug, settings: { related: p.related } });
}
