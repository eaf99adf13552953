import type { Logger } from 'pino';
import type { Bus } from '../../platform/bus/bus.js';
import type { Db, DbOrTx } from '../../platform/db/index.js';
import { nowIso } from '../../platform/db/ids.js';
import { MAX_QUERY_CHARS, SearchIndex, normalize, type SearchDocument } from '../../platform/search/index.js';
import { groupBy } from '../../platform/collections.js';
import { fallbackChain } from './locales.js';
import { parseTags, type ArticleKind, type ArticleRow, type TranslationRow } from './queries.js';

/** Topics the help center records in its outbox; every node's index listens to them. */
export const articleChanged = 'article.changed';
export const synonymsChanged = 'search.synonyms_changed';

export interface KbHit {
  articleId: string;
  slug: string;
  kind: ArticleKind;
  locale: string;
  title: string;
  /** Escaped HTML with the matches in <mark>. */
  titleHtml: string;
  snippet: string;
  score: number;
}

export interface KbSuggestion {
  articleId: string;
  slug: string;
  locale: string;
  title: string;
}

const docId = (articleId: string, locale: string) => `${articleId}|${locale}`;

/** How a zero-result query is stored: normalised so 充币没到账 and ＵＳＤＴ variants count together. */
export const gapKey = (query: string): string => normalize(query.slice(0, MAX_QUERY_CHARS)).replace(/\s+/g, ' ').trim();

/**
 * The help center's search: one in-memory index of every published translation, built from the
 * database at start and kept current by `article.changed` events, which every node receives
 * (through Redis when scaled out), so all nodes converge on the same content. Drafts and
 * archived articles are never in it.
 */
export class KnowledgeBase {
  readonly index = new SearchIndex();
  /** What the index holds per article, to remove a locale that was deleted or unpublished. */
  private readonly indexed = new Map<string, { slug: string; kind: ArticleKind; locales: Set<string> }>();

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
  ) {}

  /** Articles changed while a rebuild was reading: refreshed again once it is done. */
  private changedDuringRebuild: Set<string> | null = null;

  /** Loads synonyms and every published translation. */
  async rebuild(): Promise<void> {
    this.changedDuringRebuild = new Set();
    try {
      await this.loadAll();
    } finally {
      const again = this.changedDuringRebuild;
      this.changedDuringRebuild = null;
      for (const id of again) await this.refreshArticle(id);
    }
  }

  private async loadAll(): Promise<void> {
    await this.reloadSynonyms();
    const articles = await this.db.selectFrom('articles').selectAll().where('status', '=', 'published').execute();
    const translations = await this.db
      .selectFrom('article_translations')
      .innerJoin('articles', 'articles.id', 'article_translations.article_id')
      .selectAll('article_translations')
      .where('articles.status', '=', 'published')
      .execute();
    const byArticle = groupBy(translations, (t) => t.article_id);
    for (const article of articles) this.put(article, byArticle.get(article.id) ?? []);
    this.log.debug({ articles: this.indexed.size, documents: this.index.size }, 'help-center index built');
  }

  /** Re-reads one article and makes the index match it (idempotent: events arrive at least once). */
  async refreshArticle(articleId: string): Promise<void> {
    this.changedDuringRebuild?.add(articleId);
    const article = await this.db.selectFrom('articles').selectAll().where('id', '=', articleId).executeTakeFirst();
    const translations =
      article?.status === 'published'
        ? await this.db.selectFrom('article_translations').selectAll().where('article_id', '=', articleId).execute()
        : [];
    if (article && article.status === 'published') this.put(article, translations);
    else this.drop(articleId);
  }

  async reloadSynonyms(): Promise<void> {
    const rows = await this.db.selectFrom('search_synonyms').select('terms').execute();
    this.index.setSynonyms(rows.map((r) => JSON.parse(r.terms) as string[]));
  }

  /** Subscribes to the events that change what readers can find. */
  listen(bus: Bus): () => void {
    const offArticle = bus.subscribe(articleChanged, (event) => this.refreshArticle(String(event.payload.articleId)));
    const offSynonyms = bus.subscribe(synonymsChanged, () => this.reloadSynonyms());
    return () => {
      offArticle();
      offSynonyms();
    };
  }

  search(query: string, options: { locale: string; limit?: number }): KbHit[] {
    const hits = this.index.search(query, { locale: options.locale, limit: options.limit ?? 10, fallbackLocales: fallbackChain(options.locale).slice(1) });
    return hits.flatMap((hit) => {
      const [articleId] = hit.id.split('|') as [string];
      const meta = this.indexed.get(articleId);
      if (!meta) return [];
      return [{ articleId, slug: meta.slug, kind: meta.kind, locale: hit.locale, title: hit.title, titleHtml: hit.titleHtml, snippet: hit.snippet, score: hit.score }];
    });
  }

  suggest(prefix: string, options: { locale: string; limit?: number }): KbSuggestion[] {
    const found = this.index.suggest(prefix, { locale: options.locale, limit: options.limit ?? 8, fallbackLocales: fallbackChain(options.locale).slice(1) });
    return found.flatMap((s) => {
      const [articleId] = s.id.split('|') as [string];
      const meta = this.indexed.get(articleId);
      return meta ? [{ articleId, slug: meta.slug, locale: s.locale, title: s.title }] : [];
    });
  }

  get articleCount(): number {
    return this.indexed.size;
  }

  private put(article: ArticleRow, translations: TranslationRow[]): void {
    const previous = this.indexed.get(article.id);
    const locales = new Set(translations.map((t) => t.locale));
    for (const locale of previous?.locales ?? []) if (!locales.has(locale)) this.index.remove(docId(article.id, locale));
    for (const t of translations) this.index.add(toDocument(article, t));
    this.indexed.set(article.id, { slug: article.slug, kind: article.kind, locales });
  }

  private drop(articleId: string): void {
    const previous = this.indexed.get(articleId);
    if (!previous) return;
    for (const locale of previous.locales) this.index.remove(docId(articleId, locale));
    this.indexed.delete(articleId);
  }
}

function toDocument(article: ArticleRow, t: TranslationRow): SearchDocument {
  return {
    id: docId(article.id, t.locale),
    locale: t.locale,
    title: t.title,
    tags: parseTags(t.tags),
    // The summary is what a reader sees first; it belongs with the body for matching.
    body: `${t.summary}\n\n${t.body}`,
    popularity: article.view_count,
    updatedAt: t.updated_at,
  };
}

/**
 * Counts a search that found nothing, per locale and normalised query: the content-gaps
 * report ranks them by how often they are asked.
 */
export async function recordSearchGap(db: DbOrTx, query: string, locale: string): Promise<void> {
  const key = gapKey(query);
  if (key.length === 0) return;
  const now = nowIso();
  await db
    .insertInto('search_gaps')
    .values({ locale, query: key, count: 1, first_at: now, last_at: now })
    .onConflict((oc) => oc.columns(['locale', 'query']).doUpdateSet((eb) => ({ count: eb('search_gaps.count', '+', 1), last_at: now })))
    .execute();
}
