import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../context.js';
import { toAppError } from '../../../platform/http/errorHandler.js';
import type { ErrorCode } from '../../../platform/http/errors.js';
import { t, type Locale } from '../../../platform/i18n/index.js';
import type { Html } from '../html.js';
import { page, type PageOptions } from '../layout.js';
import { errorPage, type ErrorPageKind } from '../pages/errors.js';
import { localeOf } from '../viewer.js';

/**
 * Strict by default: our pages load one stylesheet and one script from this origin and
 * nothing else, cannot be framed, and never send the URL (which may hold a guest token) to
 * another site. Other page families (the help center) override single directives.
 */
const portalCsp: Readonly<Record<string, string>> = {
  'default-src': "'none'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data:",
  'connect-src': "'self'",
  'form-action': "'self'",
  'frame-ancestors': "'none'",
  'base-uri': "'none'",
};

export const contentSecurityPolicy = (overrides: Record<string, string> = {}): string =>
  Object.entries({ ...portalCsp, ...overrides })
    .map(([directive, sources]) => `${directive} ${sources}`)
    .join('; ');

export interface PagePolicy {
  /** CSP directives that differ from the portal's (e.g. `img-src`, `frame-src`). */
  csp?: Record<string, string>;
  referrerPolicy?: string;
  /** Cache-Control (and Vary) of one response. */
  caching?: (request: FastifyRequest, reply: FastifyReply) => Record<string, string>;
}

// Portal pages carry per-visitor data and form tokens: never let a shared cache keep them.
const noStore = (): Record<string, string> => ({ 'cache-control': 'no-store' });

/** Security and caching headers for every page of the calling plugin scope (assets excepted). */
export function applySecurityHeaders(app: FastifyInstance, policy: PagePolicy = {}): void {
  const csp = contentSecurityPolicy(policy.csp);
  const referrer = policy.referrerPolicy ?? 'no-referrer';
  const caching = policy.caching ?? noStore;
  app.addHook('onSend', async (request, reply, payload) => {
    void reply.header('x-content-type-options', 'nosniff');
    if (request.url.startsWith('/assets/')) return payload;
    void reply
      .header('content-security-policy', csp)
      .header('x-frame-options', 'DENY')
      .header('referrer-policy', referrer)
      .headers(caching(request, reply));
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
 * What a page says about a failed request: its status and, for errors from the catalogue,
 * the code. Anything unexpected (or a 5xx) is logged; nothing of it reaches the page.
 */
export function pageFailure(err: FastifyError, request: FastifyRequest): { status: number; code: ErrorCode | null; headers: Record<string, string> } {
  const known = toAppError(err);
  if (!known || known.status >= 500) request.log.error({ err }, 'page failed');
  const headers = { ...known?.headers, ...(known?.code === 'service_unavailable' ? { 'retry-after': '5' } : {}) };
  return { status: known?.status ?? 500, code: known?.code ?? null, headers };
}

/**
 * Errors on portal routes become localized HTML pages (never the API's JSON), and paths under
 * the portal that match no route get the same 404 page.
 */
export function installPortalErrors(app: FastifyInstance, ctx: AppContext): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const { status, code } = pageFailure(err, request);
    const locale = localeOf(request, reply, ctx.config.PUBLIC_URL);
    const kind = (code && pageForCode[code]) ?? (status >= 500 ? 'server' : 'badRequest');
    return sendErrorPage(request, reply, locale, kind, status);
  });
  const notFound = async (request: FastifyRequest, reply: FastifyReply) =>
    sendErrorPage(request, reply, localeOf(request, reply, ctx.config.PUBLIC_URL), 'notFound', 404);
  app.get('/tickets/*', { schema: { hide: true } }, notFound);
  app.get('/t/*', { schema: { hide: true } }, notFound);
  app.get('/t', { schema: { hide: true } }, notFound);
}
