import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../context.js';
import { nowIso } from '../../../platform/db/ids.js';
import { presentAgent } from '../presenters.js';
import { updateMeBody } from './profileSchema.js';
import { anyAgent } from './sessionGuards.js';

/** The signed-in agent's own preferences (the console's language switcher keeps its choice here). */
export function registerProfileRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.patch('/api/v1/auth/me', { schema: { tags: ['auth'], summary: 'Change your own preferences (console language)', body: updateMeBody } }, async (request) => {
    const actor = anyAgent(request);
    const agent = await ctx.transaction(async (trx) => {
      await trx.updateTable('agents').set({ locale: request.body.locale, updated_at: nowIso() }).where('id', '=', actor.agentId).execute();
      return trx.selectFrom('agents').selectAll().where('id', '=', actor.agentId).executeTakeFirstOrThrow();
    });
    return { agent: presentAgent(agent) };
  });
}
