import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../context.js';
import { agentActor, requireAgent } from '../../identity/http/authenticate.js';
import { cannedResponseRenderer } from '../cannedRenderer.js';
import { cannedResponseCreator, cannedResponseRemover, cannedResponseUpdater, listCannedResponses, loadCannedResponse } from '../cannedResponses.js';
import { savedReplyPolicy } from '../policies.js';
import { presentCannedResponse } from '../presenters.js';
import { cannedIdParams, createCannedBody, listCannedQuery, renderCannedBody, updateCannedBody } from './cannedSchema.js';

/** Saved replies for the reply box: shared ones kept by supervisors, personal ones per agent. */
export function registerCannedRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const read = requireAgent('tickets:read');
  const write = requireAgent('tickets:write');
  const tags = ['canned responses'];

  app.get('/api/v1/canned-responses', { preHandler: read, schema: { tags, summary: 'Shared and my canned responses, most used first', querystring: listCannedQuery } }, async (request) => {
    const actor = agentActor(request);
    const rows = await listCannedResponses(ctx.db, actor, request.query);
    return {
      items: rows.map((row) => presentCannedResponse(row, actor)),
      abilities: { createShared: savedReplyPolicy.createShared(actor), createPersonal: savedReplyPolicy.createPersonal(actor) },
    };
  });

  app.post('/api/v1/canned-responses', { preHandler: write, schema: { tags, summary: 'Save a canned response', body: createCannedBody } }, async (request, reply) => {
    const actor = agentActor(request);
    const row = await cannedResponseCreator(ctx, actor, request.body);
    return reply.status(201).send({ cannedResponse: presentCannedResponse(row, actor) });
  });

  app.get('/api/v1/canned-responses/:id', { preHandler: read, schema: { tags, summary: 'One canned response', params: cannedIdParams } }, async (request) => {
    const actor = agentActor(request);
    return { cannedResponse: presentCannedResponse(await loadCannedResponse(ctx.db, actor, request.params.id), actor) };
  });

  app.patch('/api/v1/canned-responses/:id', { preHandler: write, schema: { tags, summary: 'Change a canned response', params: cannedIdParams, body: updateCannedBody } }, async (request) => {
    const actor = agentActor(request);
    return { cannedResponse: presentCannedResponse(await cannedResponseUpdater(ctx, actor, request.params.id, request.body), actor) };
  });

  app.delete('/api/v1/canned-responses/:id', { preHandler: write, schema: { tags, summary: 'Delete a canned response', params: cannedIdParams } }, async (request, reply) => {
    await cannedResponseRemover(ctx, agentActor(request), request.params.id);
    return reply.status(204).send();
  });

  app.post('/api/v1/canned-responses/:id/render', {
    preHandler: read,
    schema: { tags, summary: 'Fill in a canned response for a ticket', description: 'Returns the text in the ticket\'s language (or `locale`) and the variables that had no value.', params: cannedIdParams, body: renderCannedBody },
  }, async (request) => cannedResponseRenderer(ctx, agentActor(request), { id: request.params.id, ...request.body }));
}
