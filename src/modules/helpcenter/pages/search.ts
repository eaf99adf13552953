import { t } from '../../../platform/i18n/index.js';
import { Html, html } from '../../portal/html.js';
import type { KbHit } from '../knowledgeBase.js';
import type { ArticleSummary } from '../queries.js';
import { articleUrl } from '../urls.js';
import { articleList, langIfOther, searchForm, stillNeedHelp, type Reader } from './chrome.js';

export interface SearchView {
  reader: Reader;
  query: string;
  /** null when nothing was asked yet. */
  hits: KbHit[] | null;
  /** Suggested when nothing matched. */
  top: ArticleSummary[];
  contactPath: string | null;
}

/**
 * Snippets come from the Markdown source: drop heading and emphasis markers so they read as
 * text. Only `#`, `*` and `_` runs are removed from the already escaped HTML, so no markup can form.
 */
export const cleanSnippet = (snippet: string): string => snippet.replace(/(^|\s)#{1,6}\s/g, '$1').replace(/\*\*|__/g, '');

function results(reader: Reader, query: string, hits: KbHit[]): Html {
  const count = hits.length === 1 ? t(reader.ui, 'help.search.resultsOne', { query }) : t(reader.ui, 'help.search.results', { query, count: hits.length });
  // titleHtml and snippet are escaped by the search engine, with only <mark> added.
  const items = hits.map(
    (hit) => html`<li${langIfOther(reader, hit.locale)}>
  <a class="result-title" href="${articleUrl(reader.locale, hit.slug)}">${new Html(hit.titleHtml)}</a>
  <p class="snippet">${new Html(cleanSnippet(hit.snippet))}</p>
</li>`,
  );
  return html`<p class="result-count" role="status">${count}</p>
<ol class="search-results">${items}</ol>`;
}

function noResults(view: SearchView): Html {
  const { reader, query, top } = view;
  const ui = reader.ui;
  return html`<div class="card no-results" role="status">
  <p><strong>${t(ui, 'help.search.noResults', { query })}</strong></p>
  <p>${t(ui, 'help.search.noResultsTips')}</p>
</div>
${top.length ? html`<section aria-labelledby="top-title"><h2 id="top-title">${t(ui, 'help.home.top')}</h2>${articleList(reader, top)}</section>` : ''}
${stillNeedHelp(reader, view.contactPath)}`;
}

export function searchPage(view: SearchView): Html {
  const { reader, query, hits } = view;
  let outcome: Html | string = html`<p class="lead">${t(reader.ui, 'help.search.emptyLead')}</p>`;
  if (hits) outcome = hits.length ? results(reader, query, hits) : noResults(view);
  return html`<h1>${t(reader.ui, 'help.search.title')}</h1>
${searchForm(reader, query)}
${outcome}`;
}
