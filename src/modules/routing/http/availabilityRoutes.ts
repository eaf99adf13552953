import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../context.js';
import { originOf } from '../../identity/audit.js';
import { agentActor, requireAgent } from '../../identity/http/authenticate.js';
import { availabilitySetter } from '../commands/availabilitySetter.js';
import { routingAbilities } from '../policies.js';
import { activeChatCounts, presenceOf } from '../presence.js';
import { presentPresence } from '../presenters.js';
import { agentIdParams, availabilityBody } from './chatSchema.js';

/** Agents say whether they take chats and how many at once; supervisors can set it for others. */
export function registerAvailabilityRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['chat routing'];
  const write = requireAgent('tickets:write');
  const supervisor = requireAgent('tickets:write', 'supervisor');

  app.get('/api/v1/agents/me/availability', { preHandler: requireAgent('tickets:read'), schema: { tags, summary: 'My availability and current chat load' } }, async (request) => {
    const actor = agentActor(request);
    const [presence, loads] = await Promise.all([presenceOf(ctx.db, actor.agentId), activeChatCounts(ctx.db, [actor.agentId])]);
    return { availability: presentPresence(presence, loads.get(actor.agentId) ?? 0), abilities: routingAbilities(actor) };
  });

  app.put('/api/v1/agents/me/availability', { preHandler: write, schema: { tags, summary: 'Go online, away or offline; set how many chats at once', body: availabilityBody } }, async (request) => {
    const actor = agentActor(request);
    const result = await availabilitySetter({ ctx, actor, agentId: actor.agentId, origin: originOf(request), ...request.body });
    return { availability: presentPresence(result.presence, result.activeChats) };
  });

  app.put('/api/v1/agents/:id/availability', {
    preHandler: supervisor,
    schema: { tags, summary: "Set another agent's availability (supervisors; audited)", params: agentIdParams, body: availabilityBody },
  }, async (request) => {
    const result = await availabilitySetter({ ctx, actor: agentActor(request), agentId: request.params.id, origin: originOf(request), ...request.body });
    return { availability: presentPresence(result.presence, result.activeChats) };
  });
}
