import { t } from '../../../platform/i18n/index.js';
import { Html, html } from '../../portal/html.js';
import { timeTag } from '../../portal/pages/components.js';
import { renderMarkdown } from '../markdown.js';
import type { ArticleSummary, PublishedArticle } from '../queries.js';
import { articleUrl, categoryUrl } from '../urls.js';
import { articleList, breadcrumbs, languageName, stillNeedHelp, type Reader } from './chrome.js';
import { sectionAnchor } from './category.js';

export interface ArticleView {
  reader: Reader;
  article: PublishedArticle;
  related: ArticleSummary[];
  /** The `_csrf` field for cookie-authenticated readers; null for anonymous ones. */
  csrf: string | null;
  /** Just voted: show the thank-you instead of the form. */
  feedbackSent: boolean;
  /** The "other ways to contact us" article, when it is published (and not this one). */
  contactPath: string | null;
}

export const feedbackPath = (locale: string, slug: string): string => `${articleUrl(locale, slug)}/feedback`;

function feedbackBox({ reader, article, csrf, feedbackSent }: ArticleView): Html {
  const ui = reader.ui;
  const inner = feedbackSent
    ? html`<p class="alert alert-success" role="status">${t(ui, 'help.feedback.thanks')}</p>`
    : html`<form method="post" action="${feedbackPath(reader.locale, article.slug)}">
    ${csrf ? html`<input type="hidden" name="_csrf" value="${csrf}">` : ''}
    <input type="hidden" name="locale" value="${article.locale}">
    <details class="feedback-comment">
      <summary>${t(ui, 'help.feedback.commentLabel')} <span class="optional">(${t(ui, 'form.optional')})</span></summary>
      <label for="feedback-comment" class="visually-hidden">${t(ui, 'help.feedback.commentLabel')}</label>
      <textarea id="feedback-comment" name="comment" rows="3" maxlength="1000" aria-describedby="feedback-comment-help"></textarea>
      <p class="help" id="feedback-comment-help">${t(ui, 'help.feedback.commentHelp')}</p>
    </details>
    <div class="actions" role="group" aria-labelledby="feedback-title">
      <button type="submit" name="helpful" value="yes" class="button secondary">${t(ui, 'help.feedback.yes')}</button>
      <button type="submit" name="helpful" value="no" class="button secondary">${t(ui, 'help.feedback.no')}</button>
    </div>
  </form>`;
  return html`<section class="card feedback" id="feedback" aria-labelledby="feedback-title">
  <h2 id="feedback-title">${t(ui, 'help.feedback.question')}</h2>
  ${inner}
</section>`;
}

/** `Updated <time>` with the date as a real element inside the translated sentence. */
function updatedLine(reader: Reader, iso: string): Html {
  const marker = '\u0000';
  const [before = '', after = ''] = t(reader.ui, 'help.article.updated', { date: marker }).split(marker);
  return html`<p class="article-meta muted">${before}${timeTag(reader.ui, iso)}${after}</p>`;
}

export function articlePage(view: ArticleView): Html {
  const { reader, article, related } = view;
  const { category, section } = article.breadcrumbs;
  const fallback = article.locale !== reader.locale;
  const crumbs = breadcrumbs(reader, [
    { label: category.title, href: categoryUrl(reader.locale, category.slug) },
    { label: section.title, href: `${categoryUrl(reader.locale, category.slug)}#${sectionAnchor(section.slug)}` },
  ]);
  return html`${crumbs}
${fallback ? html`<p class="notice notice-warning" role="note">${t(reader.ui, 'help.article.fallback', { requested: languageName(reader.locale), shown: languageName(article.locale) })}</p>` : ''}
<article class="help-article" lang="${article.locale}">
  <h1>${article.title}</h1>
  ${updatedLine(reader, article.updatedAt)}
  <div class="article-body">${new Html(renderMarkdown(article.body))}</div>
</article>
${related.length ? html`<section class="related" aria-labelledby="related-title"><h2 id="related-title">${t(reader.ui, 'help.article.related')}</h2>${articleList(reader, related)}</section>` : ''}
${feedbackBox(view)}
${stillNeedHelp(reader, view.contactPath)}`;
}
