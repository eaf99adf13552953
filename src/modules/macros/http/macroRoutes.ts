import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../context.js';
import { originOf } from '../../identity/audit.js';
import { agentActor, requireAgent } from '../../identity/http/authenticate.js';
import { macroApplier } from '../macroApplier.js';
import { listMacros, loadMacro, macroCreator, macroRemover, macroUpdater } from '../macros.js';
import { savedReplyPolicy } from '../policies.js';
import { presentMacro } from '../presenters.js';
import { applyMacroBody, createMacroBody, macroIdParams, updateMacroBody } from './macroSchema.js';

/** Macros: a reply and field changes in one click; shared ones kept by supervisors, personal ones per agent. */
export function registerMacroRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const read = requireAgent('tickets:read');
  const write = requireAgent('tickets:write');
  const tags = ['macros'];

  app.get('/api/v1/macros', { preHandler: read, schema: { tags, summary: 'Shared and my macros, most used first' } }, async (request) => {
    const actor = agentActor(request);
    return {
      items: (await listMacros(ctx.db, actor)).map((row) => presentMacro(row, actor)),
      abilities: { createShared: savedReplyPolicy.createShared(actor), createPersonal: savedReplyPolicy.createPersonal(actor) },
    };
  });

  app.post('/api/v1/macros', { preHandler: write, schema: { tags, summary: 'Save a macro', body: createMacroBody } }, async (request, reply) => {
    const actor = agentActor(request);
    return reply.status(201).send({ macro: presentMacro(await macroCreator(ctx, actor, request.body), actor) });
  });

  app.get('/api/v1/macros/:id', { preHandler: read, schema: { tags, summary: 'One macro', params: macroIdParams } }, async (request) => {
    const actor = agentActor(request);
    return { macro: presentMacro(await loadMacro(ctx.db, actor, request.params.id), actor) };
  });

  app.patch('/api/v1/macros/:id', { preHandler: write, schema: { tags, summary: 'Change a macro', params: macroIdParams, body: updateMacroBody } }, async (request) => {
    const actor = agentActor(request);
    return { macro: presentMacro(await macroUpdater(ctx, actor, request.params.id, request.body), actor) };
  });

  app.delete('/api/v1/macros/:id', { preHandler: write, schema: { tags, summary: 'Delete a macro', params: macroIdParams } }, async (request, reply) => {
    await macroRemover(ctx, agentActor(request), request.params.id);
    return reply.status(204).send();
  });

  app.post('/api/v1/macros/:id/apply', {
    preHandler: write,
    schema: { tags, summary: 'Apply a macro to a ticket: its reply and its changes, all or nothing', params: macroIdParams, body: applyMacroBody },
  }, async (request) => {
    const applied = await macroApplier(ctx, { actor: agentActor(request), origin: originOf(request), macroId: request.params.id, ...request.body });
    return { ticket: { id: applied.ticket.id, number: applied.ticket.number, status: applied.ticket.status, priority: applied.ticket.priority, assigneeId: applied.ticket.assignee_id, updatedAt: applied.ticket.updated_at }, messageId: applied.messageId, missing: applied.missing };
  });
}
