import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../context.js';
import { hmac } from '../../../platform/crypto.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import { RateWindow } from '../../../platform/http/rateWindow.js';
import { feedbackRecorder } from '../commands/feedbackRecorder.js';
import type { HelpCenter } from '../index.js';
import { recordSearchGap } from '../knowledgeBase.js';
import { presentArticle, presentHit, presentSuggestion, presentSummary } from '../presenters.js';
import { helpTree, listPublished, publishedArticle, relatedArticles } from '../queries.js';
import { articleParams, articleQuery, feedbackBody, listArticlesQuery, searchQuery, suggestQuery, treeQuery } from './helpSchema.js';

const tags = ['help center'];

/** A reader, as a keyed hash: one vote per reader and article without storing who they are. */
export function readerHash(ctx: AppContext, request: FastifyRequest): string {
  const actor = request.actor;
  const who = actor && actor.kind !== 'agent' ? `customer:${actor.customerId}` : `ip:${request.ip}|${request.headers['user-agent'] ?? ''}`;
  return hmac(ctx.secret, `help-feedback.${who}`);
}

/** Gaps count what readers ask; a script hammering nonsense queries must not drown them. */
export function gapRecorder(ctx: AppContext): (request: FastifyRequest, query: string, locale: string) => Promise<void> {
  const perReader = new RateWindow(30, 60_000);
  return async (request, query, locale) => {
    if (perReader.allow(request.ip)) await recordSearchGap(ctx.db, query, locale);
  };
}

/** 429 with Retry-After once this reader has searched too much this minute. */
export function assertSearchAllowed(help: HelpCenter, request: FastifyRequest): void {
  if (!help.searchLimit.allow(request.ip)) {
    throw new AppError('rate_limited', 'Too many searches; wait a moment and try again.', undefined, { 'retry-after': String(help.searchLimit.retryAfter()) });
  }
}

/** Public, read-mostly API for the help-center pages, the chat widget and exchanges' apps. */
export function registerHelpApiRoutes(app: FastifyInstance, ctx: AppContext, help: HelpCenter): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const recordGap = gapRecorder(ctx);
  const feedbackLimit = new RateWindow(20, 60 * 60_000);

  r.get('/api/v1/help/search', {
    schema: { tags, summary: 'Search published articles (any language, typos and synonyms understood)', querystring: searchQuery },
  }, async (request) => {
    assertSearchAllowed(help, request);
    const { q, locale, limit } = request.query;
    const hits = help.kb.search(q, { locale, limit });
    if (hits.length === 0) await recordGap(request, q, locale);
    return { query: q, locale, items: hits.map(presentHit) };
  });

  r.get('/api/v1/help/suggest', {
    schema: { tags, summary: 'Article titles for a search box while the reader types', querystring: suggestQuery },
  }, async (request) => {
    assertSearchAllowed(help, request);
    const { q, locale, limit } = request.query;
    return { items: help.kb.suggest(q, { locale, limit }).map(presentSuggestion) };
  });

  r.get('/api/v1/help/categories', {
    schema: { tags, summary: 'Categories and sections with their published article counts', querystring: treeQuery },
  }, async (request) => ({ items: await helpTree(ctx.db, request.query.locale) }));

  r.get('/api/v1/help/articles', {
    schema: { tags, summary: 'Published articles: top questions, most viewed, newest, or a section in order', querystring: listArticlesQuery },
  }, async (request) => {
    const { locale, list, category, section, kind, pinned, limit } = request.query;
    const items = await listPublished(ctx.db, {
      locale, order: list, limit,
      ...(category ? { categorySlug: category } : {}), ...(section ? { sectionSlug: section } : {}), ...(kind ? { kind } : {}), ...(pinned !== undefined ? { pinned } : {}),
    });
    return { items: items.map(presentSummary) };
  });

  r.get('/api/v1/help/articles/:slug', {
    schema: { tags, summary: 'A published article with breadcrumbs and related articles', params: articleParams, querystring: articleQuery },
  }, async (request) => {
    const article = await publishedArticle(ctx.db, request.params.slug, request.query.locale);
    if (!article) throw notFound('No such article.');
    help.views.count(article.id);
    return presentArticle(article, await relatedArticles(ctx.db, article.id, article.locale));
  });

  r.post('/api/v1/help/articles/:slug/feedback', {
    schema: { tags, summary: 'Was this article helpful? One vote per reader; voting again replaces the vote', params: articleParams, body: feedbackBody },
  }, async (request, reply) => {
    const clientHash = readerHash(ctx, request);
    if (!feedbackLimit.allow(clientHash)) {
      throw new AppError('rate_limited', undefined, undefined, { 'retry-after': String(feedbackLimit.retryAfter()) });
    }
    const { locale, helpful, comment } = request.body;
    const { replaced } = await feedbackRecorder({ ctx, slug: request.params.slug, locale, helpful, comment, clientHash });
    return reply.code(replaced ? 200 : 201).send({ recorded: true, replaced });
  });
}
