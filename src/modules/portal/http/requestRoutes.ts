import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../context.js';
import { AppError } from '../../../platform/http/errors.js';
import { locales, t, type Locale } from '../../../platform/i18n/index.js';
import { GUEST_COOKIE } from '../../identity/http/authenticate.js';
import { originOf } from '../../identity/audit.js';
import { categoryFields, isCategory } from '../../tickets/categories.js';
import { ticketCreator } from '../../tickets/commands/ticketCreator.js';
import { guestLinkFor, GUEST_LINK_TTL_SECONDS } from '../../tickets/guestLinks.js';
import { findTicketForActor } from '../../tickets/queries.js';
import { assertFormCsrf, formCsrfToken } from '../csrf.js';
import {
  attachmentsTooLarge, checkTicketForm, localToIso, messageForError, readPortalForm, ticketFormValues,
  type FormErrors, type TicketFormValues,
} from '../form.js';
import { confirmationPage } from '../pages/confirmation.js';
import { homePage } from '../pages/home.js';
import { ticketFormPage } from '../pages/ticketForm.js';
import { isHttps, localeOf, viewerOf, type Viewer } from '../viewer.js';
import { newTicketQuery, pageQuery, ticketParams } from './portalSchema.js';
import { sendErrorPage, sendPage } from './render.js';

/** The portal's front door and the new-request form: home, form, submit, confirmation. */
export function registerRequestRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const limits = { maxBytes: ctx.config.MAX_ATTACHMENT_BYTES, maxFiles: ctx.config.MAX_ATTACHMENTS_PER_MESSAGE };

  async function signedInEmail(viewer: Viewer): Promise<string | null | undefined> {
    if (viewer?.kind !== 'customer') return undefined;
    const row = await ctx.db.selectFrom('customers').select('email').where('id', '=', viewer.customerId).executeTakeFirst();
    return row?.email ?? null;
  }

  async function renderForm(request: FastifyRequest, reply: FastifyReply, locale: Locale, values: TicketFormValues, errors: FormErrors, filesDropped: boolean, status: number) {
    const viewer = viewerOf(request);
    const body = ticketFormPage({
      locale, values, errors, filesDropped, limits,
      csrf: formCsrfToken(request, reply, ctx.secret, ctx.config.PUBLIC_URL),
      signedInEmail: await signedInEmail(viewer),
    });
    return sendPage(request, reply, locale, { title: t(locale, 'form.title'), section: 'new', body }, status);
  }

  r.get('/', { schema: { hide: true, querystring: pageQuery } }, async (request, reply) => {
    const locale = localeOf(request, reply, ctx.config.PUBLIC_URL);
    return sendPage(request, reply, locale, { title: t(locale, 'home.title'), section: 'home', body: homePage(locale) });
  });

  r.get('/tickets/new', { schema: { hide: true, querystring: newTicketQuery } }, async (request, reply) => {
    const locale = localeOf(request, reply, ctx.config.PUBLIC_URL);
    const category = request.query.category && isCategory(request.query.category) ? request.query.category : '';
    const values = ticketFormValues({ category }, locale);
    return renderForm(request, reply, locale, values, {}, false, 200);
  });

  r.post('/tickets/new', { schema: { hide: true, querystring: pageQuery }, config: { csrf: 'handler' } }, async (request, reply) => {
    const locale = localeOf(request, reply, ctx.config.PUBLIC_URL);
    const form = await readPortalForm(request, ctx.config);
    assertFormCsrf(request, ctx.secret, form.fields._csrf);
    const viewer = viewerOf(request);
    const values = ticketFormValues(form.fields, locale);
    const errors = checkTicketForm(locale, values, { emailRequired: viewer?.kind !== 'customer', locales });
    if (form.attachmentsRejected) errors.attachments = attachmentsTooLarge(locale, ctx.config);
    const category = isCategory(values.category) ? values.category : null;

    const fields: Record<string, string> = {};
    for (const spec of category ? categoryFields[category] : []) {
      const value = values.fields[spec.name];
      if (!value) continue;
      const converted = spec.kind === 'datetime' ? localToIso(value, form.fields.tz_offset) : value;
      if (converted === null) errors[`fields.${spec.name}`] ??= t(locale, 'validation.datetime');
      else fields[spec.name] = converted;
    }

    if (Object.keys(errors).length === 0 && category) {
      try {
        // A guest-link holder writes as a new guest with the address they typed, not as the
        // owner of the ticket their cookie happens to open.
        const { ticket, guestToken } = await ticketCreator({
          ctx,
          actor: viewer?.kind === 'customer' ? viewer : null,
          input: {
            category, subject: values.subject.trim(), body: values.description, fields, locale: values.locale,
            ...(viewer?.kind === 'customer' ? {} : { customer: { email: values.email } }),
          },
          files: form.files,
          origin: originOf(request),
        });
        if (guestToken && viewer?.kind !== 'customer') {
          void reply.setCookie(GUEST_COOKIE, guestToken, {
            path: '/', httpOnly: true, sameSite: 'lax', secure: isHttps(ctx.config.PUBLIC_URL), maxAge: GUEST_LINK_TTL_SECONDS,
          });
        }
        return reply.redirect(`/tickets/${encodeURIComponent(ticket.number)}/submitted`, 303);
      } catch (err) {
        const mapped = err instanceof AppError ? messageForError(locale, err, category, ctx.config) : null;
        if (!mapped) throw err;
        errors[mapped.field] = mapped.message;
      }
    }
    return renderForm(request, reply, locale, values, errors, form.files.length > 0 || form.attachmentsRejected, 400);
  });

  r.get('/tickets/:number/submitted', { schema: { hide: true, params: ticketParams, querystring: pageQuery } }, async (request, reply) => {
    const locale = localeOf(request, reply, ctx.config.PUBLIC_URL);
    const viewer = viewerOf(request);
    if (!viewer) return sendErrorPage(request, reply, locale, 'notFound', 404);
    const ticket = await findTicketForActor(ctx, viewer, request.params.number);
    const cookie = request.cookies[GUEST_COOKIE];
    const guestLink = viewer.kind === 'guest' && viewer.ticketId === ticket.id && cookie ? guestLinkFor(ctx, ticket.id, cookie) : null;
    const body = confirmationPage({ locale, number: ticket.number, guestLink, signedIn: viewer.kind === 'customer' });
    return sendPage(request, reply, locale, { title: t(locale, 'confirmation.title'), section: 'new', body });
  });
}
