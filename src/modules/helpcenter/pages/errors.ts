import { locales, localeNames, t, type Locale } from '../../../platform/i18n/index.js';
import { html, type Html } from '../../portal/html.js';
import { helpHome } from '../urls.js';
import { searchForm, type Reader } from './chrome.js';

/** Help-center error pages: help wording where it differs, the portal's for the rest. */
export type HelpErrorKind = 'notFound' | 'language' | 'rateLimited' | 'csrf' | 'server' | 'badRequest' | 'tooLarge';

const messages: Record<HelpErrorKind, string> = {
  notFound: 'help.errors.notFound',
  language: 'help.errors.language',
  rateLimited: 'help.errors.rateLimited',
  csrf: 'errors.csrf',
  server: 'errors.server',
  badRequest: 'errors.badRequest',
  tooLarge: 'errors.tooLarge',
};

export const helpErrorTitle = (ui: Locale, kind: HelpErrorKind): string => t(ui, `${messages[kind]}.title`);

/** `reader` is null when the URL names no language we have (then the page offers them). */
export function helpErrorPage(ui: Locale, reader: Reader | null, kind: HelpErrorKind): Html {
  const languages = kind === 'language'
    ? html`<ul class="language-list">${locales.map((l) => html`<li><a href="${helpHome(l)}" lang="${l}" hreflang="${l}">${localeNames[l]}</a></li>`)}</ul>`
    : '';
  return html`<section class="card error-page">
  <h1>${helpErrorTitle(ui, kind)}</h1>
  <p>${t(ui, `${messages[kind]}.body`)}</p>
  ${languages}
  ${reader && kind === 'notFound' ? searchForm(reader) : ''}
  <p class="actions"><a class="button primary" href="${helpHome(reader?.locale ?? ui)}">${t(ui, 'help.errors.home')}</a></p>
</section>`;
}
