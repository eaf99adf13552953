import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../context.js';
import { agentActor, requireAgent } from '../../identity/http/authenticate.js';
import { listSavedViews, presentSavedView, savedViewCreator, savedViewRemover, savedViewUpdater } from '../savedViews.js';
import { createSavedViewBody, savedViewParams, updateSavedViewBody } from './savedViewSchema.js';

/** Each agent's own named inbox views; open one by passing its view, filters and sort to /api/v1/inbox. */
export function registerSavedViewRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = requireAgent('tickets:read');
  const tags = ['inbox'];

  r.get('/api/v1/inbox/saved-views', { onRequest: read, schema: { tags, summary: 'My saved inbox views, in my order' } }, async (request) => ({
    items: (await listSavedViews(ctx, agentActor(request).agentId)).map(presentSavedView),
  }));

  r.post('/api/v1/inbox/saved-views', { onRequest: read, schema: { tags, summary: 'Save an inbox view', body: createSavedViewBody } }, async (request, reply) => {
    const row = await savedViewCreator(ctx, agentActor(request).agentId, request.body);
    return reply.status(201).send({ savedView: presentSavedView(row) });
  });

  r.patch('/api/v1/inbox/saved-views/:id', { onRequest: read, schema: { tags, summary: 'Rename, reorder or change a saved view', params: savedViewParams, body: updateSavedViewBody } }, async (request) => ({
    savedView: presentSavedView(await savedViewUpdater(ctx, agentActor(request).agentId, request.params.id, request.body)),
  }));

  r.delete('/api/v1/inbox/saved-views/:id', { onRequest: read, schema: { tags, summary: 'Delete a saved view', params: savedViewParams } }, async (request, reply) => {
    await savedViewRemover(ctx, agentActor(request).agentId, request.params.id);
    return reply.status(204).send();
  });
}
