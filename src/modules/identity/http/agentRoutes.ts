import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../context.js';
import { notFound } from '../../../platform/http/errors.js';
import { originOf } from '../audit.js';
import { agentCreator } from '../commands/agentCreator.js';
import { agentUpdater, twoFactorResetter } from '../commands/agentUpdater.js';
import { decodeCursor, toPage } from '../../../platform/http/pagination.js';
import { canListAgents } from '../policies.js';
import { presentAgent } from '../presenters.js';
import { agentActor, requireAgent } from './authenticate.js';
import { agentIdParams, createAgentBody, listAgentsQuery, updateAgentBody } from './agentSchema.js';

/** Admins manage console users (teams and their skills live in the routing module). */
export function registerAgentRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const admin = requireAgent('admin', 'admin');
  const tags = ['agents'];
  // Supervisors may read the list; anyone else gets the admin guard's own 401/403.
  const lister = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (request.actor?.kind === 'agent' && canListAgents(request.actor)) return;
    await admin(request, reply);
  };

  app.get('/api/v1/agents', { preHandler: lister, schema: { tags, summary: 'List agents (supervisors read, admins manage)', querystring: listAgentsQuery } }, async (request) => {
    const { cursor, limit, role } = request.query;
    let q = ctx.db.selectFrom('agents').selectAll().orderBy('id').limit(limit + 1);
    if (cursor) q = q.where('id', '>', decodeCursor(cursor));
    if (role) q = q.where('role', '=', role);
    return toPage(await q.execute(), limit, presentAgent);
  });

  app.post('/api/v1/agents', { preHandler: admin, schema: { tags, summary: 'Create an agent', body: createAgentBody } }, async (request, reply) => {
    const { agent, generatedPassword } = await agentCreator(ctx, { actor: agentActor(request), origin: originOf(request), ...request.body });
    return reply.code(201).send({ agent: presentAgent(agent), ...(generatedPassword ? { password: generatedPassword } : {}) });
  });

  app.get('/api/v1/agents/:id', { preHandler: admin, schema: { tags, summary: 'One agent', params: agentIdParams } }, async (request) => {
    const agent = await ctx.db.selectFrom('agents').selectAll().where('id', '=', request.params.id).executeTakeFirst();
    if (!agent) throw notFound('No such agent.');
    return { agent: presentAgent(agent) };
  });

  app.patch('/api/v1/agents/:id', { preHandler: admin, schema: { tags, summary: 'Rename, change role, disable or change locale', params: agentIdParams, body: updateAgentBody } }, async (request) => {
    const agent = await agentUpdater(ctx, { actor: agentActor(request), origin: originOf(request), agentId: request.params.id, changes: request.body });
    return { agent: presentAgent(agent) };
  });

  app.post('/api/v1/agents/:id/reset-2fa', { preHandler: admin, schema: { tags, summary: "Clear an agent's two-factor enrolment", params: agentIdParams } }, async (request) => {
    const agent = await twoFactorResetter(ctx, { actor: agentActor(request), origin: originOf(request), agentId: request.params.id });
    return { agent: presentAgent(agent) };
  });
}
