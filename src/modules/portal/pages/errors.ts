import { t, type Locale } from '../../../platform/i18n/index.js';
import { html, type Html } from '../html.js';

export type ErrorPageKind = 'notFound' | 'guestLink' | 'csrf' | 'server' | 'tooLarge' | 'badRequest';

export function errorPage(locale: Locale, kind: ErrorPageKind): Html {
  return html`<section class="card error-page">
  <h1>${t(locale, `errors.${kind}.title`)}</h1>
  <p>${t(locale, `errors.${kind}.body`)}</p>
  <p class="actions"><a class="button primary" href="/">${t(locale, 'errors.backHome')}</a></p>
</section>`;
}
