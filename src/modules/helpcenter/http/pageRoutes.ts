import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../context.js';
import { AppError, notFound, type ErrorCode } from '../../../platform/http/errors.js';
import { RateWindow } from '../../../platform/http/rateWindow.js';
import { t, type Locale } from '../../../platform/i18n/index.js';
import { GUEST_COOKIE, SESSION_COOKIE } from '../../identity/http/authenticate.js';
import { html } from '../../portal/html.js';
import { applySecurityHeaders, pageFailure, sendPage, type PagePolicy } from '../../portal/http/render.js';
import { localeOf } from '../../portal/viewer.js';
import { feedbackRecorder } from '../commands/feedbackRecorder.js';
import type { HelpCenter } from '../index.js';
import { chromeLocale, isContentLocale } from '../locales.js';
import { videoFrameOrigins } from '../markdown.js';
import { categoryBySlug, listPublished, publishedArticle, relatedArticles } from '../queries.js';
import { articleUrl, categoryUrl, helpHome, searchUrl } from '../urls.js';
import { articlePage } from '../pages/article.js';
import { categoryPage } from '../pages/category.js';
import { alternatesOf, clip, helpPage, searchPath, seoHead, type HelpFrame, type Reader } from '../pages/chrome.js';
import { helpErrorPage, helpErrorTitle, type HelpErrorKind } from '../pages/errors.js';
import { helpHomePage } from '../pages/home.js';
import { searchPage } from '../pages/search.js';
import { verifyPage } from '../pages/verify.js';
import { checkChannel } from '../../security/officialChannels/channelCheck.js';
import { officialRegistry } from '../../security/officialChannels/registry.js';
import { assertSearchAllowed, gapRecorder, readerHash } from './helpRoutes.js';
import { contactPath, homeLists, pinnedNotices, publicOrigin, sectionsWithArticles, siteLocales } from './pageData.js';
import { articlePageQuery, feedbackForm, localeParams, searchPageQuery, slugParams, verifyPageQuery } from './pageSchema.js';
import { registerSitemapRoutes } from './sitemapRoutes.js';

/**
 * The public help center: server-rendered, crawlable pages under /help/{locale}/… that work
 * without JavaScript. They live in their own plugin scope so that their headers (videos and
 * outside images allowed, short public caching) and HTML error pages stay off the JSON API.
 */

// Cookie-authenticated readers see a page with their form token: it must not be cached or shared.
const personal = (request: FastifyRequest): boolean =>
  Boolean(request.csrfToken || request.cookies[SESSION_COOKIE] || request.cookies[GUEST_COOKIE]);

export const helpPagePolicy: PagePolicy = {
  csp: { 'img-src': "'self' data: https:", 'media-src': "'self' https:", 'frame-src': videoFrameOrigins.join(' ') },
  referrerPolicy: 'strict-origin-when-cross-origin',
  caching: (request, reply): Record<string, string> => {
    const shared = (request.method === 'GET' || request.method === 'HEAD') && reply.statusCode === 200 && !personal(request) && !reply.hasHeader('set-cookie');
    // Vary: a page cached for an anonymous reader must never be served to a signed-in one.
    return shared ? { 'cache-control': 'public, max-age=60', vary: 'Cookie' } : { 'cache-control': 'no-store' };
  },
};

function readerOf(locale: string): Reader {
  if (!isContentLocale(locale)) throw notFound('No help center in this language.');
  return { locale, ui: chromeLocale(locale) };
}

/** The reader a failed request's address names, when it names a language we have. */
function readerInUrl(request: FastifyRequest): Reader | null {
  const segment = /^\/help\/([^/?#]+)/.exec(request.url)?.[1];
  return segment && isContentLocale(segment) ? { locale: segment, ui: chromeLocale(segment) } : null;
}

/** The home (or category) page is canonical in its own language when the help center has it. */
const canonicalIn = (languages: string[], locale: string, pathIn: (l: string) => string): string =>
  pathIn(languages.includes(locale) ? locale : 'en');

const sendHelp = (request: FastifyRequest, reply: FastifyReply, frame: HelpFrame): FastifyReply =>
  sendPage(request, reply, frame.reader.ui, helpPage(frame));

const errorKinds: Partial<Record<ErrorCode, HelpErrorKind>> = { rate_limited: 'rateLimited', csrf_failed: 'csrf', payload_too_large: 'tooLarge' };

function sendHelpError(request: FastifyRequest, reply: FastifyReply, ui: Locale, reader: Reader | null, kind: HelpErrorKind, status: number): FastifyReply {
  const path = request.url.split('?')[0] ?? '';
  const frame: HelpFrame = {
    reader: reader ?? { locale: ui, ui },
    title: helpErrorTitle(ui, kind),
    head: html`<meta name="robots" content="noindex">`,
    notices: [],
    pathIn: (l) => (reader ? path.replace(/^\/help\/[^/]+/, helpHome(l)) : helpHome(l)),
    body: helpErrorPage(ui, reader, kind),
  };
  return sendPage(request, reply, ui, helpPage(frame), status);
}

/** Every failure on a help page is an HTML page in the reader's language: never JSON, never a bare 500. */
function installHelpErrors(app: FastifyInstance, ctx: AppContext): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const { status, code, headers } = pageFailure(err, request);
    const reader = readerInUrl(request);
    const ui = reader?.ui ?? localeOf(request, reply, ctx.config.PUBLIC_URL);
    let kind: HelpErrorKind = (code && errorKinds[code]) ?? (status >= 500 ? 'server' : 'badRequest');
    if (code === 'not_found') kind = reader ? 'notFound' : 'language';
    return sendHelpError(request, reply.headers(headers), ui, reader, kind, status);
  });
}

export function registerHelpPages(app: FastifyInstance, ctx: AppContext, help: HelpCenter): void {
  void app.register(async (scope) => {
    applySecurityHeaders(scope, helpPagePolicy);
    installHelpErrors(scope, ctx);
    registerSitemapRoutes(scope, ctx);
    registerPageRoutes(scope, ctx, help);
  });
}

function registerPageRoutes(app: FastifyInstance, ctx: AppContext, help: HelpCenter): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const origin = publicOrigin(ctx.config);
  const recordGap = gapRecorder(ctx);
  const feedbackLimit = new RateWindow(20, 60 * 60_000);

  r.get('/help', { schema: { hide: true } }, async (request, reply) =>
    reply.redirect(helpHome(localeOf(request, reply, ctx.config.PUBLIC_URL)), 302));

  r.get('/help/:locale', { schema: { hide: true, params: localeParams } }, async (request, reply) => {
    const reader = readerOf(request.params.locale);
    const [lists, notices, languages] = await Promise.all([homeLists(ctx.db, reader.locale), pinnedNotices(ctx.db, reader.locale), siteLocales(ctx.db)]);
    const title = t(reader.ui, 'help.home.title');
    const description = lists.categories.map((c) => c.description ?? '').filter(Boolean).join(' ') || t(reader.ui, 'help.home.lead');
    return sendHelp(request, reply, {
      reader, title, notices, pathIn: helpHome,
      head: seoHead({ origin, title, description: clip(description, 300), canonical: canonicalIn(languages, reader.locale, helpHome), alternates: alternatesOf(languages, helpHome), type: 'website' }),
      body: helpHomePage({ reader, ...lists }),
    });
  });

  r.get('/help/:locale/categories/:slug', { schema: { hide: true, params: slugParams } }, async (request, reply) => {
    const reader = readerOf(request.params.locale);
    const category = await categoryBySlug(ctx.db, request.params.slug, reader.locale);
    // A category without published articles is not a page yet.
    if (!category || category.articleCount === 0) throw notFound('No such category.');
    const [sections, notices, languages] = await Promise.all([sectionsWithArticles(ctx.db, category, reader.locale), pinnedNotices(ctx.db, reader.locale), siteLocales(ctx.db)]);
    const pathIn = (l: string) => categoryUrl(l, category.slug);
    return sendHelp(request, reply, {
      reader, title: category.title, notices, pathIn,
      head: seoHead({ origin, title: category.title, description: category.description ?? category.title, canonical: canonicalIn(languages, reader.locale, pathIn), alternates: alternatesOf(languages, pathIn), type: 'website' }),
      body: categoryPage({ reader, category, sections }),
    });
  });

  r.get('/help/:locale/articles/:slug', { schema: { hide: true, params: slugParams, querystring: articlePageQuery } }, async (request, reply) => {
    const reader = readerOf(request.params.locale);
    const article = await publishedArticle(ctx.db, request.params.slug, reader.locale);
    if (!article) throw notFound('No such article.');
    if (request.method === 'GET') help.views.count(article.id);
    const [related, notices, contact] = await Promise.all([
      relatedArticles(ctx.db, article.id, reader.locale), pinnedNotices(ctx.db, reader.locale), contactPath(ctx.db, reader.locale, article.slug),
    ]);
    const pathIn = (l: string) => articleUrl(l, article.slug);
    return sendHelp(request, reply, {
      reader, title: article.title, notices, pathIn,
      // A page showing another language's text is a copy of that language's page.
      head: seoHead({ origin, title: article.title, description: article.summary, canonical: pathIn(article.locale), alternates: alternatesOf(article.locales, pathIn), type: 'article' }),
      body: articlePage({ reader, article, related, csrf: request.csrfToken, feedbackSent: request.query.feedback === 'sent', contactPath: contact }),
    });
  });

  r.post('/help/:locale/articles/:slug/feedback', { schema: { hide: true, params: slugParams, body: feedbackForm } }, async (request, reply) => {
    const reader = readerOf(request.params.locale);
    const clientHash = readerHash(ctx, request);
    if (!feedbackLimit.allow(clientHash)) {
      throw new AppError('rate_limited', undefined, undefined, { 'retry-after': String(feedbackLimit.retryAfter()) });
    }
    const { helpful, comment, locale } = request.body;
    await feedbackRecorder({ ctx, slug: request.params.slug, locale: locale ?? reader.locale, helpful: helpful === 'yes', comment, clientHash });
    // 303: the browser shows the article again with a GET, so a reload does not resend the vote.
    return reply.redirect(`${articleUrl(reader.locale, request.params.slug)}?feedback=sent#feedback`, 303);
  });

  r.get('/help/:locale/search', { schema: { hide: true, params: localeParams, querystring: searchPageQuery } }, async (request, reply) => {
    const reader = readerOf(request.params.locale);
    const query = (request.query.q ?? '').trim();
    if (query) assertSearchAllowed(help, request);
    const hits = query ? help.kb.search(query, { locale: reader.locale, limit: 20 }) : null;
    if (hits?.length === 0) await recordGap(request, query, reader.locale);
    const [notices, top, contact] = await Promise.all([
      pinnedNotices(ctx.db, reader.locale),
      hits?.length === 0 ? listPublished(ctx.db, { locale: reader.locale, order: 'top', limit: 8 }) : [],
      hits?.length === 0 ? contactPath(ctx.db, reader.locale) : null,
    ]);
    const title = query ? t(reader.ui, 'help.search.titleFor', { query }) : t(reader.ui, 'help.search.title');
    const pathIn = (l: string) => (query ? searchUrl(l, query) : searchPath(l));
    return sendHelp(request, reply, {
      reader, title, notices, pathIn,
      head: seoHead({ origin, title, description: t(reader.ui, 'help.search.emptyLead'), canonical: pathIn(reader.locale), alternates: [], type: 'website', noindex: true }),
      body: searchPage({ reader, query, hits, top, contactPath: contact }),
    });
  });

  r.get('/help/:locale/verify', { schema: { hide: true, params: localeParams, querystring: verifyPageQuery } }, async (request, reply) => {
    const reader = readerOf(request.params.locale);
    const value = (request.query.value ?? '').trim().slice(0, 500);
    if (value) assertSearchAllowed(help, request);
    const [notices, registry] = await Promise.all([pinnedNotices(ctx.db, reader.locale), officialRegistry(ctx.db)]);
    const title = t(reader.ui, 'security.verify.title');
    const pathIn = (l: string) => `/help/${l}/verify`;
    return sendHelp(request, reply, {
      reader, title, notices, pathIn,
      head: seoHead({ origin, title, description: t(reader.ui, 'security.verify.lead'), canonical: pathIn(reader.locale), alternates: [], type: 'website', noindex: Boolean(value) }),
      body: verifyPage({ reader, value, result: value ? checkChannel(value, registry) : null, registry }),
    });
  });

  // Anything else under /help is the help 404 page; a trailing slash is forgiven.
  r.get('/help/*', { schema: { hide: true } }, async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path.endsWith('/')) return reply.redirect(path.replace(/\/+$/, ''), 301);
    throw notFound();
  });
}
