import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../context.js';
import { toAppError } from '../../../platform/http/errorHandler.js';
import { t, type Locale } from '../../../platform/i18n/index.js';
import type { Html } from '../html.js';
import { page, type PageOptions } from '../layout.js';
import { errorPage, type ErrorPageKind } from '../pages/errors.js';
import { localeOf } from '../viewer.js';

/**
 * Strict by default: our pages load one stylesheet and one script from this origin and
 * nothing else, cannot be framed, and never send the URL (which may hold a guest token) to
 * another site.
 */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export function applySecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    void reply.header('x-content-type-options', 'nosniff');
    if (request.url.startsWith('/assets/')) return payload;
    void reply
      .header('content-security-policy', CSP)
      .header('x-frame-options', 'DENY')
      .header('referrer-policy', 'no-referrer')
      // Pages carry per-visitor data and form tokens: never let a shared cache keep them.
      .header('cache-control', 'no-store');
    return payload;
  });
}

export type PageContent = Omit<PageOptions, 'url' | 'locale'>;

export function sendPage(request: FastifyRequest, reply: FastifyReply, locale: Locale, content: PageContent, status = 200): FastifyReply {
  const body = page({ ...content, locale, url: request.url });
  return reply.code(status).type('text/html; charset=utf-8').send(body.toString());
}

export function sendErrorPage(request: FastifyRequest, reply: FastifyReply, locale: Locale, kind: ErrorPageKind, status: number): FastifyReply {
  return sendPage(request, reply, locale, { title: t(locale, `errors.${kind}.title`), body: errorPage(locale, kind) }, status);
}

export type { Html };

const pageForCode: Partial<Record<string, ErrorPageKind>> = {
  not_found: 'notFound',
  csrf_failed: 'csrf',
  payload_too_large: 'tooLarge',
};

/**
 * Errors on portal routes become localized HTML pages (never the API's JSON), and paths under
 * the portal that match no route get the same 404 page.
 */
export function installPortalErrors(app: FastifyInstance, ctx: AppContext): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const known = toAppError(err);
    if (!known || known.status >= 500) request.log.error({ err }, 'portal page failed');
    const locale = localeOf(request, reply, ctx.config.PUBLIC_URL);
    const status = known?.status ?? 500;
    const kind = known ? (pageForCode[known.code] ?? (known.status >= 500 ? 'server' : 'badRequest')) : 'server';
    return sendErrorPage(request, reply, locale, kind, status);
  });
  const notFound = async (request: FastifyRequest, reply: FastifyReply) =>
    sendErrorPage(request, reply, localeOf(request, reply, ctx.config.PUBLIC_URL), 'notFound', 404);
  app.get('/tickets/*', { schema: { hide: true } }, notFound);
  app.get('/t/*', { schema: { hide: true } }, notFound);
  app.get('/t', { schema: { hide: true } }, notFound);
}
