import type { KbHit, KbSuggestion } from './knowledgeBase.js';
import type { ArticleSummary, PublishedArticle } from './queries.js';
import { articleUrl } from './urls.js';

/** JSON shapes of the help-center API. `url` is the public page, in the language shown. */
export const presentSummary = (a: ArticleSummary) => ({ ...a, url: articleUrl(a.locale, a.slug) });

export const presentHit = (h: KbHit) => ({ ...h, url: articleUrl(h.locale, h.slug) });

export const presentSuggestion = (s: KbSuggestion) => ({ ...s, url: articleUrl(s.locale, s.slug) });

export const presentArticle = (a: PublishedArticle, related: ArticleSummary[]) => ({
  ...presentSummary(a),
  body: a.body,
  tags: a.tags,
  publishedAt: a.publishedAt,
  locales: a.locales,
  breadcrumbs: a.breadcrumbs,
  related: related.map(presentSummary),
});
