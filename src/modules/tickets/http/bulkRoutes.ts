import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../context.js';
import { originOf } from '../../identity/audit.js';
import { agentActor, requireAgent } from '../../identity/http/authenticate.js';
import { ticketsBulkUpdater } from '../commands/ticketsBulkUpdater.js';
import { bulkUpdateBody } from './bulkSchema.js';

/** The inbox's bulk actions: assign, move to a team, change status or priority, add or remove tags. */
export function registerBulkRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.withTypeProvider<ZodTypeProvider>().post('/api/v1/tickets/bulk', {
    onRequest: requireAgent('tickets:write'),
    schema: {
      tags: ['tickets'], summary: 'Apply one change to many tickets',
      description: 'Each ticket changes in its own transaction under the same rules as PATCH; the answer lists every ticket with `ok` or its error.',
      body: bulkUpdateBody,
    },
  }, async (request) => {
    const results = await ticketsBulkUpdater(ctx, { actor: agentActor(request), origin: originOf(request), ...request.body });
    return { results, updated: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length };
  });
}
