import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../context.js';
import { notFound } from '../../../platform/http/errors.js';
import { agentActor, requireAgent } from '../../identity/http/authenticate.js';
import { originOf } from '../../identity/audit.js';
import type { AgentActor } from '../../identity/actor.js';
import { articleCreator } from '../commands/articleCreator.js';
import { articleStatusChanger, articleUpdater } from '../commands/articleUpdater.js';
import { deleteSynonymGroup, listSynonymGroups, saveSynonymGroup } from '../commands/synonymEditor.js';
import { saveCategory, saveSection } from '../commands/taxonomyEditor.js';
import { translationWriter } from '../commands/translationWriter.js';
import { contentGaps, dismissSearchGap } from '../contentGaps.js';
import { articleForEditor, listForEditor, versionsOf, type EditorArticle } from '../editorQueries.js';
import type { HelpCenter } from '../index.js';
import { renderMarkdown } from '../markdown.js';
import { helpCenterAbilities } from '../policies.js';
import { articleUrl } from '../urls.js';
import {
  articleRef, categoryBody, createArticleBody, dismissGapBody, gapsQuery, listKbQuery, previewBody, sectionBody, statusBody, synonymBody, synonymParams, taxonomyParams, translationBody,
  translationParams, updateArticleBody, versionsQuery,
} from './kbSchema.js';

const tags = ['help center editing'];

const sendSaved = (reply: FastifyReply, saved: { id: string; slug: string; created: boolean }) =>
  reply.code(saved.created ? 201 : 200).send({ id: saved.id, slug: saved.slug });

function presentForEditor(view: EditorArticle, actor: AgentActor) {
  const a = view.article;
  return {
    id: a.id, slug: a.slug, section: view.sectionSlug, kind: a.kind, status: a.status, pinned: a.pinned === 1, topPosition: a.top_position,
    viewCount: a.view_count, createdAt: a.created_at, updatedAt: a.updated_at, publishedAt: a.published_at, related: view.related,
    translations: view.translations.map((t) => ({ ...t, url: a.status === 'published' ? articleUrl(t.locale, a.slug) : null })),
    feedback: view.feedback,
    abilities: helpCenterAbilities(actor),
  };
}

/**
 * The editing API behind the console's help-center editor and `ledgerdesk kb import`: drafts,
 * translations with version history, preview, publishing, synonyms and the content-gaps report.
 */
export function registerKbRoutes(app: FastifyInstance, ctx: AppContext, help: HelpCenter): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = requireAgent('helpcenter:read');
  const write = requireAgent('helpcenter:write');
  const publish = requireAgent('helpcenter:write', 'supervisor');
  const admin = requireAgent('helpcenter:write', 'admin');
  const gapsReader = requireAgent('helpcenter:read', 'supervisor');
  const present = async (actor: AgentActor, idOrSlug: string) => presentForEditor(await articleForEditor(ctx.db, idOrSlug), actor);

  r.get('/api/v1/kb/articles', {
    onRequest: read,
    schema: { tags, summary: 'Every article, drafts and archived included, newest first', querystring: listKbQuery },
  }, async (request) => {
    const { limit, cursor, ...filter } = request.query;
    return listForEditor(ctx.db, { ...filter, limit, ...(cursor ? { cursor } : {}) });
  });

  r.post('/api/v1/kb/articles', {
    onRequest: write,
    schema: { tags, summary: 'Create a draft article with its first translation', body: createArticleBody },
  }, async (request, reply) => {
    const actor = agentActor(request);
    const { slug, section, locale, title, summary, body, tags: words, ...settings } = request.body;
    const article = await articleCreator({ ctx, actor, origin: originOf(request), input: { slug, section, locale, content: { title, summary, body, tags: words }, ...settings } });
    return reply.code(201).send(await present(actor, article.id));
  });

  r.get('/api/v1/kb/articles/:idOrSlug', {
    onRequest: read,
    schema: { tags, summary: 'An article with every translation, its latest version ids and feedback counts', params: articleRef },
  }, async (request) => present(agentActor(request), request.params.idOrSlug));

  r.patch('/api/v1/kb/articles/:idOrSlug', {
    onRequest: write,
    schema: { tags, summary: 'Move, re-kind, pin, feature or relate an article', params: articleRef, body: updateArticleBody },
  }, async (request) => {
    const actor = agentActor(request);
    const article = await articleUpdater({ ctx, actor, articleId: request.params.idOrSlug, settings: request.body, origin: originOf(request) });
    return present(actor, article.id);
  });

  r.put('/api/v1/kb/articles/:idOrSlug/translations/:locale', {
    onRequest: write,
    schema: { tags, summary: 'Add or replace one translation (a new version; live at once if the article is published)', params: translationParams, body: translationBody },
  }, async (request, reply) => {
    const actor = agentActor(request);
    const { baseVersionId, ...content } = request.body;
    const written = await translationWriter({
      ctx, actor, articleId: request.params.idOrSlug, locale: request.params.locale, content, origin: originOf(request),
      ...(baseVersionId !== undefined ? { baseVersionId } : {}),
    });
    return reply.code(written.created ? 201 : 200).send({ ...(await present(actor, request.params.idOrSlug)), versionId: written.versionId, changed: written.changed });
  });

  r.post('/api/v1/kb/articles/:idOrSlug/status', {
    onRequest: publish,
    schema: { tags, summary: 'Publish, take back to draft, or archive', params: articleRef, body: statusBody },
  }, async (request) => {
    const actor = agentActor(request);
    const article = await articleStatusChanger({ ctx, actor, articleId: request.params.idOrSlug, status: request.body.status, origin: originOf(request) });
    return present(actor, article.id);
  });

  r.get('/api/v1/kb/articles/:idOrSlug/versions', {
    onRequest: read,
    schema: { tags, summary: 'Version history, newest first, with authors', params: articleRef, querystring: versionsQuery },
  }, async (request) => ({ items: await versionsOf(ctx.db, request.params.idOrSlug, request.query.locale) }));

  r.post('/api/v1/kb/preview', {
    onRequest: read,
    schema: { tags, summary: 'Render Markdown exactly as the public page will (sanitised HTML)', body: previewBody },
  }, async (request) => ({ html: renderMarkdown(request.body.body) }));

  r.put('/api/v1/kb/categories/:slug', {
    onRequest: publish,
    schema: { tags, summary: 'Create or update a category and its titles per locale', params: taxonomyParams, body: categoryBody },
  }, async (request, reply) =>
    sendSaved(reply, await saveCategory({ ctx, actor: agentActor(request), origin: originOf(request), slug: request.params.slug, ...request.body })));

  r.put('/api/v1/kb/sections/:slug', {
    onRequest: publish,
    schema: { tags, summary: 'Create or update a section (in a category) and its titles per locale', params: taxonomyParams, body: sectionBody },
  }, async (request, reply) =>
    sendSaved(reply, await saveSection({ ctx, actor: agentActor(request), origin: originOf(request), slug: request.params.slug, ...request.body })));

  r.get('/api/v1/kb/synonyms', {
    onRequest: read,
    schema: { tags, summary: 'Synonym groups search uses (充值 = 充币 = deposit = 입금 …)' },
  }, async () => ({ items: await listSynonymGroups(ctx) }));

  r.post('/api/v1/kb/synonyms', {
    onRequest: admin,
    schema: { tags, summary: 'Add a synonym group (admins)', body: synonymBody },
  }, async (request, reply) => reply.code(201).send(await saveSynonymGroup({ ctx, actor: agentActor(request), origin: originOf(request), terms: request.body.terms })));

  r.put('/api/v1/kb/synonyms/:id', {
    onRequest: admin,
    schema: { tags, summary: 'Replace the terms of a synonym group (admins)', params: synonymParams, body: synonymBody },
  }, async (request) => saveSynonymGroup({ ctx, actor: agentActor(request), origin: originOf(request), id: request.params.id, terms: request.body.terms }));

  r.delete('/api/v1/kb/synonyms/:id', {
    onRequest: admin,
    schema: { tags, summary: 'Delete a synonym group (admins)', params: synonymParams },
  }, async (request, reply) => {
    await deleteSynonymGroup({ ctx, actor: agentActor(request), origin: originOf(request), id: request.params.id });
    return reply.code(204).send();
  });

  r.get('/api/v1/kb/content-gaps', {
    onRequest: gapsReader,
    schema: { tags, summary: 'What readers ask that we do not answer: searches without results and unhelpful articles, ranked', querystring: gapsQuery },
  }, async (request) => {
    const { locale, limit } = request.query;
    return { items: await contentGaps(ctx.db, { limit, ...(locale ? { locale } : {}) }), indexedArticles: help.kb.articleCount };
  });

  r.post('/api/v1/kb/content-gaps/dismiss', {
    onRequest: gapsReader,
    schema: { tags, summary: 'Mark a search gap as answered; it counts afresh if readers keep asking', body: dismissGapBody },
  }, async (request, reply) => {
    if (!(await dismissSearchGap(ctx.db, request.body.locale, request.body.query))) throw notFound('No such search gap.');
    return reply.code(204).send();
  });

}
