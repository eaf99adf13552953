import { t, type Locale } from '../../../platform/i18n/index.js';
import type { TicketRow } from '../../tickets/ticketEvents.js';
import { html, type Html } from '../html.js';
import { statusBadge, timeTag } from './components.js';

export interface TicketListView {
  locale: Locale;
  tickets: TicketRow[];
  guest: boolean;
  /** Set when there are older tickets. */
  olderCursor: string | null;
  /** True on any page but the first. */
  paged: boolean;
}

export function ticketListPage({ locale, tickets, guest, olderCursor, paged }: TicketListView): Html {
  const rows = tickets.map(
    (ticket) => html`<li class="ticket-row">
  <a href="/tickets/${encodeURIComponent(ticket.number)}">
    <span class="ticket-row-number">${ticket.number}</span>
    <span class="ticket-row-subject">${ticket.subject}</span>
    <span class="ticket-row-meta">${statusBadge(locale, ticket.status)} <span class="muted">${t(locale, 'list.updated')}: ${timeTag(locale, ticket.updated_at)}</span></span>
  </a>
</li>`,
  );
  const pager =
    olderCursor || paged
      ? html`<nav class="pager">
  ${paged ? html`<a class="button secondary" href="/tickets">← ${t(locale, 'list.newer')}</a>` : ''}
  ${olderCursor ? html`<a class="button secondary" href="/tickets?cursor=${encodeURIComponent(olderCursor)}">${t(locale, 'list.older')} →</a>` : ''}
</nav>`
      : '';
  return html`<div class="page-head">
  <h1>${t(locale, 'list.title')}</h1>
  <a class="button primary" href="/tickets/new">${t(locale, 'portal.nav.newRequest')}</a>
</div>
${guest ? html`<p class="notice">${t(locale, 'list.guestNote')}</p>` : ''}
${tickets.length ? html`<ul class="ticket-list">${rows}</ul>` : html`<p class="card muted">${t(locale, 'list.empty')}</p>`}
${pager}`;
}

export function signInHelpPage(locale: Locale): Html {
  return html`<h1>${t(locale, 'list.title')}</h1>
<p class="lead">${t(locale, 'list.anonLead')}</p>
<div class="cards">
  <section class="card">
    <h2>${t(locale, 'list.anonSignInTitle')}</h2>
    <p>${t(locale, 'list.anonSignIn')}</p>
  </section>
  <section class="card">
    <h2>${t(locale, 'list.anonGuestTitle')}</h2>
    <p>${t(locale, 'list.anonGuest')}</p>
    <p><a class="button secondary" href="/tickets/new">${t(locale, 'portal.nav.newRequest')}</a></p>
  </section>
</div>`;
}
