import { t, type Locale } from '../../../platform/i18n/index.js';
import { html, type Html } from '../html.js';

export function homePage(locale: Locale): Html {
  return html`<section class="hero">
  <h1>${t(locale, 'home.title')}</h1>
  <p class="lead">${t(locale, 'home.lead')}</p>
</section>
<div class="cards">
  <a class="card card-link" href="/tickets/new">
    <h2>${t(locale, 'home.submit.title')}</h2>
    <p>${t(locale, 'home.submit.body')}</p>
  </a>
  <a class="card card-link" href="/tickets">
    <h2>${t(locale, 'home.track.title')}</h2>
    <p>${t(locale, 'home.track.body')}</p>
  </a>
</div>
<section class="notice notice-security" aria-labelledby="security-title">
  <h2 id="security-title">${t(locale, 'home.security.title')}</h2>
  <p>${t(locale, 'home.security.body')}</p>
  <p>${t(locale, 'home.security.official')}</p>
</section>
<section class="integrators" aria-labelledby="api-title">
  <h2 id="api-title">${t(locale, 'home.api.title')}</h2>
  <p>${t(locale, 'home.api.body')} <a href="/api/docs">${t(locale, 'home.api.link')}</a></p>
</section>`;
}
