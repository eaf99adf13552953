import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../context.js';
import { AppError } from '../../../platform/http/errors.js';
import { t, type Locale } from '../../../platform/i18n/index.js';
import type { CustomerActor, GuestActor } from '../../identity/actor.js';
import { originOf } from '../../identity/audit.js';
import { messageSender } from '../../tickets/commands/messageSender.js';
import { ticketPolicy } from '../../tickets/policies.js';
import { findTicketForActor, listMessagesForActor, listTicketsForActor, loadTicketDetail, type MessageView } from '../../tickets/queries.js';
import type { TicketRow } from '../../tickets/ticketEvents.js';
import { assertFormCsrf, formCsrfToken } from '../csrf.js';
import { attachmentsTooLarge, messageForError, readPortalForm, REPLY_MAX, type FormErrors } from '../form.js';
import { signInHelpPage, ticketListPage } from '../pages/ticketList.js';
import { ticketPage } from '../pages/ticketView.js';
import { localeOf, viewerOf } from '../viewer.js';
import { pageQuery, ticketListQuery, ticketPageQuery, ticketParams } from './portalSchema.js';
import { sendErrorPage, sendPage } from './render.js';

const PAGE_SIZE = 20;
/** A conversation longer than this is shown up to here; it never happens in practice. */
const MESSAGE_PAGES = 10;

async function allMessages(ctx: AppContext, viewer: CustomerActor | GuestActor, ticket: TicketRow): Promise<MessageView[]> {
  const out: MessageView[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < MESSAGE_PAGES; i++) {
    const page = await listMessagesForActor(ctx, viewer, ticket, { limit: 100, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return out;
}

/** Following requests: the list, one ticket with its conversation, and replying to it. */
export function registerTicketRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const limits = { maxBytes: ctx.config.MAX_ATTACHMENT_BYTES, maxFiles: ctx.config.MAX_ATTACHMENTS_PER_MESSAGE };

  async function renderTicket(
    request: FastifyRequest, reply: FastifyReply, locale: Locale, viewer: CustomerActor | GuestActor, ticket: TicketRow,
    replyState: { body: string; errors: FormErrors; filesDropped: boolean }, status: number, sent = false,
  ) {
    const [messages, detail] = await Promise.all([allMessages(ctx, viewer, ticket), loadTicketDetail(ctx.db, ticket)]);
    const body = ticketPage({
      locale, ticket, messages, sent, limits, reply: replyState,
      mergedInto: detail.mergedInto,
      canReply: ticketPolicy.reply(viewer, ticket),
      csrf: formCsrfToken(request, reply, ctx.secret, ctx.config.PUBLIC_URL),
    });
    return sendPage(request, reply, locale, { title: t(locale, 'ticket.title', { number: ticket.number }), section: 'tickets', body }, status);
  }

  r.get('/tickets', { schema: { hide: true, querystring: ticketListQuery } }, async (request, reply) => {
    const locale = localeOf(request, reply, ctx.config.PUBLIC_URL);
    const viewer = viewerOf(request);
    if (!viewer) return sendPage(request, reply, locale, { title: t(locale, 'list.title'), section: 'tickets', body: signInHelpPage(locale) });
    const cursor = request.query.cursor;
    let page;
    try {
      page = await listTicketsForActor(ctx, viewer, { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) });
    } catch (err) {
      // A mangled cursor in a bookmark: show the newest page rather than an error.
      if (!(err instanceof AppError && err.code === 'cursor_invalid')) throw err;
      return reply.redirect('/tickets', 303);
    }
    const body = ticketListPage({ locale, tickets: page.items, guest: viewer.kind === 'guest', olderCursor: page.nextCursor, paged: !!cursor });
    return sendPage(request, reply, locale, { title: t(locale, 'list.title'), section: 'tickets', body });
  });

  r.get('/tickets/:number', { schema: { hide: true, params: ticketParams, querystring: ticketPageQuery } }, async (request, reply) => {
    const locale = localeOf(request, reply, ctx.config.PUBLIC_URL);
    const viewer = viewerOf(request);
    if (!viewer) return sendErrorPage(request, reply, locale, 'notFound', 404);
    const ticket = await findTicketForActor(ctx, viewer, request.params.number);
    return renderTicket(request, reply, locale, viewer, ticket, { body: '', errors: {}, filesDropped: false }, 200, request.query.sent === '1');
  });

  r.post('/tickets/:number/reply', { schema: { hide: true, params: ticketParams, querystring: pageQuery }, config: { csrf: 'handler' } }, async (request, reply) => {
    const locale = localeOf(request, reply, ctx.config.PUBLIC_URL);
    const viewer = viewerOf(request);
    if (!viewer) return sendErrorPage(request, reply, locale, 'notFound', 404);
    const form = await readPortalForm(request, ctx.config);
    assertFormCsrf(request, ctx.secret, form.fields._csrf);
    const ticket = await findTicketForActor(ctx, viewer, request.params.number);
    const text = form.fields.body ?? '';
    const errors: FormErrors = {};
    if (!text.trim()) errors.body = t(locale, 'validation.replyBody');
    else if (text.length > REPLY_MAX) errors.body = t(locale, 'validation.tooLong', { max: REPLY_MAX });
    if (form.attachmentsRejected) errors.attachments = attachmentsTooLarge(locale, ctx.config);

    let status = 400;
    if (Object.keys(errors).length === 0) {
      try {
        await messageSender({ ctx, actor: viewer, ticketId: ticket.id, input: { body: text, visibility: 'public' }, files: form.files, origin: originOf(request) });
        return reply.redirect(`/tickets/${encodeURIComponent(ticket.number)}?sent=1#reply-title`, 303);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        const mapped = messageForError(locale, err, null, ctx.config);
        if (mapped) errors[mapped.field] = mapped.message;
        // Closed or merged meanwhile: the page explains it in place of the reply form.
        else if (err.code === 'transition_not_allowed' || err.code === 'ticket_merged') status = 409;
        else throw err;
      }
    }
    const fresh = await findTicketForActor(ctx, viewer, ticket.id);
    return renderTicket(request, reply, locale, viewer, fresh, { body: text, errors, filesDropped: form.files.length > 0 || form.attachmentsRejected }, status);
  });
}
