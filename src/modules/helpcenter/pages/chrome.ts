import { localeNames, t, type Locale } from '../../../platform/i18n/index.js';
import { html, type Html } from '../../portal/html.js';
import type { PageContent } from '../../portal/http/render.js';
import { timeTag } from '../../portal/pages/components.js';
import type { ArticleSummary } from '../queries.js';
import { articleUrl, helpHome } from '../urls.js';

/**
 * Pieces every help-center page shares: who is reading, the search box, pinned notices,
 * breadcrumbs, article lists and the SEO head. Pure functions of what the route loaded.
 */

/** The language in the URL (what to read) and the language of the page around it. */
export interface Reader {
  locale: string;
  ui: Locale;
}

/** Each content language named in itself, for notices and language labels. */
export const contentLocaleNames: Readonly<Record<string, string>> = { ...localeNames, ja: '日本語', ru: 'Русский', es: 'Español', pt: 'Português' };

export const languageName = (locale: string): string => contentLocaleNames[locale] ?? locale;

/** ` lang="…"` on text shown in another language than the page asked for. */
export const langIfOther = (reader: Reader, locale: string): Html => (locale === reader.locale ? html`` : html` lang="${locale}"`);

export const searchPath = (locale: string): string => `${helpHome(locale)}/search`;

export interface Alternate {
  hreflang: string;
  path: string;
}

/** One alternate per language the page exists in, plus `x-default` (English). */
export const alternatesOf = (locales: readonly string[], pathIn: (locale: string) => string): Alternate[] => [
  ...locales.map((l) => ({ hreflang: l, path: pathIn(l) })),
  { hreflang: 'x-default', path: pathIn('en') },
];

/** Text cut to `max` characters at a word boundary where there is one (meta descriptions). */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export interface Seo {
  /** PUBLIC_URL without a trailing slash: every address in the head is absolute. */
  origin: string;
  canonical: string;
  title: string;
  description: string;
  alternates: Alternate[];
  type: 'website' | 'article';
  noindex?: boolean;
}

export function seoHead(seo: Seo): Html {
  const abs = (path: string) => `${seo.origin}${path}`;
  return html`<link rel="canonical" href="${abs(seo.canonical)}">
${seo.alternates.map((a) => html`<link rel="alternate" hreflang="${a.hreflang}" href="${abs(a.path)}">\n`)}<meta name="description" content="${seo.description}">
${seo.noindex ? html`<meta name="robots" content="noindex, follow">\n` : ''}<meta property="og:type" content="${seo.type}">
<meta property="og:title" content="${seo.title}">
<meta property="og:description" content="${seo.description}">
<meta property="og:url" content="${abs(seo.canonical)}">`;
}

export interface HelpFrame {
  reader: Reader;
  title: string;
  /** The `<head>` additions (canonical, alternates, description). */
  head: Html;
  /** Pinned announcements and security alerts, shown above every page. */
  notices: ArticleSummary[];
  /** This page in another language, for the language switcher. */
  pathIn: (locale: string) => string;
  body: Html;
}

/** A help page inside the portal's frame: the help nav entry, path-based language links. */
export function helpPage(frame: HelpFrame): PageContent {
  return {
    title: frame.title,
    section: 'help',
    head: frame.head,
    languageLink: frame.pathIn,
    // Embedded players refuse to play for pages that hide their origin.
    referrerPolicy: 'strict-origin-when-cross-origin',
    body: html`${pinnedNotices(frame.reader, frame.notices)}${frame.body}`,
  };
}

export function pinnedNotices(reader: Reader, notices: ArticleSummary[]): Html {
  if (notices.length === 0) return html``;
  const items = notices.map((a) => {
    const kind = a.kind === 'security_alert' ? 'security_alert' : 'announcement';
    return html`<li class="help-notice help-notice-${kind}"><span class="notice-kind">${t(reader.ui, `help.banner.${kind}`)}</span> <a href="${articleUrl(reader.locale, a.slug)}"${langIfOther(reader, a.locale)}>${a.title}</a></li>`;
  });
  return html`<section class="help-notices" aria-label="${t(reader.ui, 'help.banner.label')}"><ul>${items}</ul></section>`;
}

export interface Crumb {
  label: string;
  href?: string;
}

export function breadcrumbs(reader: Reader, trail: Crumb[]): Html {
  const all: Crumb[] = [{ label: t(reader.ui, 'help.nav'), href: helpHome(reader.locale) }, ...trail];
  const items = all.map((c, i) =>
    i === all.length - 1 && !c.href ? html`<li aria-current="page">${c.label}</li>` : html`<li><a href="${c.href ?? ''}">${c.label}</a></li>`,
  );
  return html`<nav class="breadcrumbs" aria-label="${t(reader.ui, 'help.article.breadcrumb')}"><ol>${items}</ol></nav>`;
}

export function searchForm(reader: Reader, query = ''): Html {
  const ui = reader.ui;
  return html`<form class="help-search" role="search" method="get" action="${searchPath(reader.locale)}">
  <label for="help-q" class="visually-hidden">${t(ui, 'help.search.label')}</label>
  <div class="search-row">
    <input id="help-q" name="q" type="search" value="${query}" placeholder="${t(ui, 'help.search.placeholder')}" autocomplete="off" spellcheck="false" enterkeyhint="search" data-suggest="/api/v1/help/suggest" data-locale="${reader.locale}" data-suggest-label="${t(ui, 'help.search.suggestions')}" data-suggest-count="${t(ui, 'help.search.suggestionsCount')}">
    <button type="submit" class="button primary">${t(ui, 'help.search.submit')}</button>
  </div>
</form>`;
}

export const articleCount = (ui: Locale, count: number): string =>
  count === 1 ? t(ui, 'help.articleCountOne') : t(ui, 'help.articleCount', { count });

/** Links to articles, in the reader's URL language (a missing translation falls back there). */
export function articleList(reader: Reader, articles: ArticleSummary[], options: { dated?: boolean } = {}): Html {
  const items = articles.map(
    (a) =>
      html`<li><a href="${articleUrl(reader.locale, a.slug)}"${langIfOther(reader, a.locale)}>${a.title}</a>${options.dated ? html` <span class="muted">${timeTag(reader.ui, a.updatedAt)}</span>` : ''}</li>`,
  );
  return html`<ul class="article-list">${items}</ul>`;
}

/** "Still need help?": the way out to a person, on articles and on searches that found nothing. */
export function stillNeedHelp(reader: Reader, contactPath: string | null): Html {
  const ui = reader.ui;
  return html`<aside class="card still-need" aria-labelledby="still-need-title">
  <h2 id="still-need-title">${t(ui, 'help.stillNeed.title')}</h2>
  <p>${t(ui, 'help.stillNeed.body')}</p>
  <p class="actions">
    <a class="button primary" href="/tickets/new?lang=${ui}">${t(ui, 'help.stillNeed.submit')}</a>
    <a class="button secondary" href="/callback?lang=${ui}">${t(ui, 'help.stillNeed.callback')}</a>
    ${contactPath ? html`<a class="button secondary" href="${contactPath}">${t(ui, 'help.stillNeed.contact')}</a>` : ''}
  </p>
</aside>`;
}
