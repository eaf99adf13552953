import { t } from '../../../platform/i18n/index.js';
import { html, type Html } from '../../portal/html.js';
import type { ArticleSummary, HelpCategory } from '../queries.js';
import { categoryUrl } from '../urls.js';
import { articleCount, articleList, searchForm, type Reader } from './chrome.js';

export interface HomeView {
  reader: Reader;
  /** Categories holding at least one published article. */
  categories: HelpCategory[];
  top: ArticleSummary[];
  popular: ArticleSummary[];
  announcements: ArticleSummary[];
}

function listSection(id: string, title: string, list: Html): Html {
  return html`<section class="home-list" aria-labelledby="${id}"><h2 id="${id}">${title}</h2>${list}</section>`;
}

export function helpHomePage({ reader, categories, top, popular, announcements }: HomeView): Html {
  const ui = reader.ui;
  const cards = categories.map(
    (c) => html`<li><a class="card card-link category-card" href="${categoryUrl(reader.locale, c.slug)}">
  <h3>${c.title}</h3>
  ${c.description ? html`<p>${c.description}</p>` : ''}
  <p class="count">${articleCount(ui, c.articleCount)}</p>
</a></li>`,
  );
  const lists = [
    top.length ? listSection('top-title', t(ui, 'help.home.top'), articleList(reader, top)) : '',
    popular.length ? listSection('popular-title', t(ui, 'help.home.popular'), articleList(reader, popular)) : '',
    announcements.length ? listSection('news-title', t(ui, 'help.home.announcements'), articleList(reader, announcements, { dated: true })) : '',
  ];
  return html`<section class="help-hero">
  <h1>${t(ui, 'help.home.heading')}</h1>
  <p class="lead">${t(ui, 'help.home.lead')}</p>
  ${searchForm(reader)}
  <p class="verify-link"><a href="/help/${reader.locale}/verify">${t(ui, 'security.verify.nav')}</a> — ${t(ui, 'security.verify.title')}</p>
</section>
<section aria-labelledby="categories-title">
  <h2 id="categories-title">${t(ui, 'help.home.categories')}</h2>
  ${categories.length ? html`<ul class="category-grid">${cards}</ul>` : html`<p class="card muted">${t(ui, 'help.home.noArticles')}</p>`}
</section>
<div class="home-lists">${lists}</div>`;
}
