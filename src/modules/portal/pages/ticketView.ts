import { t, type Locale } from '../../../platform/i18n/index.js';
import { categoryFields, isCategory } from '../../tickets/categories.js';
import type { MessageView } from '../../tickets/queries.js';
import type { TicketRow } from '../../tickets/ticketEvents.js';
import { html, multiline, type Html } from '../html.js';
import { attachmentsField, type AttachmentLimits, categoryName, describedBy, fieldError, fieldLabel, fieldValue, fileSize, statusBadge, timeTag } from './components.js';
import { REPLY_MAX, type FormErrors } from '../form.js';

export interface TicketPageView {
  locale: Locale;
  ticket: TicketRow;
  messages: MessageView[];
  mergedInto: { number: string } | null;
  canReply: boolean;
  csrf: string;
  reply: { body: string; errors: FormErrors; filesDropped: boolean };
  sent: boolean;
  limits: AttachmentLimits;
}

function ticketDetails(locale: Locale, ticket: TicketRow): Html {
  const category = ticket.category;
  const stored = JSON.parse(ticket.fields) as Record<string, string>;
  const specs = isCategory(category) ? categoryFields[category] : [];
  const names = [...specs.map((s) => s.name).filter((n) => n in stored), ...Object.keys(stored).filter((n) => !specs.some((s) => s.name === n))];
  const rows = names.map((name) => {
    const spec = specs.find((s) => s.name === name);
    const label = isCategory(category) ? fieldLabel(locale, category, name) : name;
    return html`<div><dt>${label}</dt><dd class="break">${fieldValue(locale, spec, name, stored[name] ?? '')}</dd></div>`;
  });
  return html`<dl class="facts">
  <div><dt>${t(locale, 'ticket.category')}</dt><dd>${categoryName(locale, category)}</dd></div>
  <div><dt>${t(locale, 'ticket.created')}</dt><dd>${timeTag(locale, ticket.created_at)}</dd></div>
  <div><dt>${t(locale, 'ticket.updated')}</dt><dd>${timeTag(locale, ticket.updated_at)}</dd></div>
  ${rows}
</dl>`;
}

function author(locale: Locale, view: MessageView): string {
  switch (view.message.author_type) {
    case 'customer':
      return t(locale, 'ticket.you');
    case 'agent':
      return view.authorName ? t(locale, 'ticket.supportNamed', { name: view.authorName }) : t(locale, 'ticket.support');
    case 'bot':
      return t(locale, 'ticket.bot');
    default:
      return t(locale, 'ticket.system');
  }
}

function message(locale: Locale, view: MessageView): Html {
  const { message: m, attachments } = view;
  const files = attachments.length
    ? html`<ul class="attachments" aria-label="${t(locale, 'ticket.attachments')}">${attachments.map(
        (a) => html`<li><a href="/api/v1/attachments/${a.id}" rel="noopener">${a.filename}</a> <span class="muted">(${fileSize(locale, a.size)})</span></li>`,
      )}</ul>`
    : '';
  return html`<li class="message message-${m.author_type}" id="m-${m.id}">
  <div class="message-head"><strong>${author(locale, view)}</strong> ${timeTag(locale, m.created_at)}</div>
  <div class="message-body">${multiline(m.body)}</div>
  ${files}
</li>`;
}

function replyForm(view: TicketPageView): Html {
  const { locale, ticket, reply, limits } = view;
  const bodyError = reply.errors.body;
  return html`<section class="card reply" aria-labelledby="reply-title">
  <h2 id="reply-title">${t(locale, 'ticket.replyTitle')}</h2>
  ${ticket.status === 'solved' || ticket.status === 'pending' ? html`<p class="muted">${ticket.status === 'solved' ? t(locale, 'ticket.replyReopens') : t(locale, 'status.pending.explain')}</p>` : ''}
  <form method="post" action="/tickets/${encodeURIComponent(ticket.number)}/reply" enctype="multipart/form-data" data-once>
    <input type="hidden" name="_csrf" value="${view.csrf}">
    <div class="field${bodyError ? ' has-error' : ''}">
      <label for="body">${t(locale, 'ticket.replyLabel')}</label>
      <textarea id="body" name="body" rows="5" required maxlength="${REPLY_MAX}"${describedBy('body', false, !!bodyError)}>${reply.body}</textarea>
      ${fieldError('body', bodyError)}
    </div>
    ${attachmentsField(locale, limits, reply.errors.attachments, reply.filesDropped)}
    <div class="actions"><button type="submit" class="button primary" data-sending="${t(locale, 'form.sending')}">${t(locale, 'ticket.replySubmit')}</button></div>
  </form>
</section>`;
}

export function ticketPage(view: TicketPageView): Html {
  const { locale, ticket, messages, mergedInto } = view;
  let footer: Html;
  if (mergedInto) {
    footer = html`<p class="notice">${t(locale, 'ticket.merged', { number: mergedInto.number })} <a href="/tickets/${encodeURIComponent(mergedInto.number)}">${mergedInto.number}</a></p>`;
  } else if (ticket.status === 'closed') {
    footer = html`<p class="notice">${t(locale, 'ticket.closed')} <a href="/tickets/new">${t(locale, 'ticket.openNew')}</a></p>`;
  } else {
    footer = view.canReply ? replyForm(view) : html``;
  }
  return html`<p class="breadcrumb"><a href="/tickets">${t(locale, 'ticket.backToList')}</a></p>
<div class="ticket-head">
  <p class="ticket-number-small">${ticket.number}</p>
  <h1>${ticket.subject}</h1>
</div>
${view.sent ? html`<p class="alert alert-success" role="status">${t(locale, 'ticket.replySent')}</p>` : ''}
<section class="card status-card status-${ticket.status}" aria-label="${t(locale, 'ticket.status')}">
  <p>${t(locale, 'ticket.status')}: ${statusBadge(locale, ticket.status)}</p>
  <p class="status-explain">${t(locale, `status.${ticket.status}.explain`)}</p>
</section>
<section class="card" aria-labelledby="details-title">
  <h2 id="details-title">${t(locale, 'ticket.details')}</h2>
  ${ticketDetails(locale, ticket)}
</section>
<section aria-labelledby="conversation-title">
  <h2 id="conversation-title">${t(locale, 'ticket.conversation')}</h2>
  <ol class="conversation">${messages.map((m) => message(locale, m))}</ol>
</section>
${footer}`;
}
