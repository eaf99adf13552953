import { t, type Locale } from '../../../platform/i18n/index.js';
import { html, type Html } from '../html.js';

export interface ConfirmationView {
  locale: Locale;
  number: string;
  /** The guest's private link, shown to the submitter (its owner) right after submitting. */
  guestLink: string | null;
  signedIn: boolean;
}

export function confirmationPage({ locale, number, guestLink, signedIn }: ConfirmationView): Html {
  return html`<section class="card confirmation">
  <h1>${t(locale, 'confirmation.heading')}</h1>
  <p class="number-label">${t(locale, 'confirmation.numberLabel')}</p>
  <p class="ticket-number" data-ticket-number>${number}</p>
  <p class="muted">${t(locale, 'confirmation.numberHelp')}</p>
</section>
${guestLink
  ? html`<section class="card guest-link" aria-labelledby="guest-link-title">
  <p>${t(locale, 'confirmation.guestEmailed')}</p>
  <h2 id="guest-link-title">${t(locale, 'confirmation.guestLinkLabel')}</h2>
  <p><input class="copy-field" type="text" readonly value="${guestLink}" aria-labelledby="guest-link-title"></p>
  <p class="notice notice-warning">${t(locale, 'confirmation.guestLinkWarning')}</p>
</section>`
  : ''}
<section class="card" aria-labelledby="next-title">
  <h2 id="next-title">${t(locale, 'confirmation.nextTitle')}</h2>
  <ol class="steps">
    <li>${t(locale, 'confirmation.next1')}</li>
    <li>${t(locale, 'confirmation.next2')}</li>
    <li>${t(locale, 'confirmation.next3')}</li>
  </ol>
  <p class="actions">
    <a class="button primary" href="/tickets/${encodeURIComponent(number)}">${t(locale, 'confirmation.view')}</a>
    ${signedIn ? html`<a class="button secondary" href="/tickets">${t(locale, 'confirmation.all')}</a>` : ''}
  </p>
</section>`;
}
