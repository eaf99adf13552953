import { localeNames, locales, t, type Locale } from '../../platform/i18n/index.js';
import { html, type Html } from './html.js';
import { portalAssets } from './assets.js';

export interface PageOptions {
  locale: Locale;
  title: string;
  /** Path and query of the current page, for the language switcher's links. */
  url: string;
  /** Which top navigation entry is current. */
  section?: 'home' | 'help' | 'new' | 'tickets';
  body: Html;
  /** Extra `<head>` markup: canonical and alternate links, meta description, Open Graph. */
  head?: Html;
  /**
   * Where the language switcher sends a reader of `locale`. Default: this URL with `?lang=`;
   * help-center pages carry the language in the path instead (/help/ko/…).
   */
  languageLink?: (locale: Locale) => string;
  /** `<meta name="referrer">`; pages embedding videos must let the player see their origin. */
  referrerPolicy?: 'no-referrer' | 'strict-origin-when-cross-origin';
}

/** The same page in another language: the current URL with `lang` replaced. */
export function withLang(url: string, locale: Locale): string {
  const parsed = new URL(url, 'http://portal.invalid');
  parsed.searchParams.set('lang', locale);
  return `${parsed.pathname}${parsed.search}${parsed.hash}`;
}

function languageSwitcher(current: Locale, linkTo: (locale: Locale) => string): Html {
  const links = locales.map(
    (l) =>
      html`<li><a href="${linkTo(l)}" lang="${l}" hreflang="${l}"${l === current ? html` aria-current="true"` : ''}>${localeNames[l]}</a></li>`,
  );
  return html`<nav class="lang-switch" aria-label="${t(current, 'portal.language')}"><ul>${links}</ul></nav>`;
}

function navLink(locale: Locale, href: string, key: string, active: boolean): Html {
  return html`<li><a href="${href}"${active ? html` aria-current="page"` : ''}>${t(locale, key)}</a></li>`;
}

/** The frame of every portal page: header with navigation and language switcher, footer. */
export function page({ locale, title, url, section, body, head, languageLink, referrerPolicy }: PageOptions): Html {
  const brand = t(locale, 'portal.brand');
  return html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="${referrerPolicy ?? 'no-referrer'}">
<title>${title} · ${brand}</title>
${head}
<link rel="stylesheet" href="${portalAssets.css.url}">
<script src="${portalAssets.js.url}" defer></script>
</head>
<body>
<a class="skip" href="#main">${t(locale, 'portal.skipToContent')}</a>
<header class="site-header">
  <div class="wrap header-row">
    <a class="brand" href="/"><span class="brand-mark" aria-hidden="true">LD</span>${brand}</a>
    ${languageSwitcher(locale, languageLink ?? ((l) => withLang(url, l)))}
  </div>
  <div class="wrap">
    <nav class="main-nav" aria-label="${brand}"><ul>
      ${navLink(locale, '/', 'portal.nav.home', section === 'home')}
      ${navLink(locale, `/help/${locale}`, 'help.nav', section === 'help')}
      ${navLink(locale, '/tickets/new', 'portal.nav.newRequest', section === 'new')}
      ${navLink(locale, '/tickets', 'portal.nav.myRequests', section === 'tickets')}
    </ul></nav>
  </div>
</header>
<main id="main" class="wrap">
${body}
</main>
<footer class="site-footer">
  <div class="wrap">
    <p class="footer-security">${t(locale, 'portal.footer.security')}</p>
    <p><a href="/api/docs">${t(locale, 'portal.footer.apiDocs')}</a></p>
  </div>
</footer>
</body>
</html>`;
}
