import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../../context.js';
import { originOf } from '../../../identity/audit.js';
import { agentActor, requireAgent } from '../../../identity/http/authenticate.js';
import { findTicketForActor } from '../../../tickets/queries.js';
import { ticketParams } from '../../../tickets/http/ticketSchema.js';
import { callNotesWriter } from '../commands/callNotesWriter.js';
import { presentCall } from '../presenters.js';
import { callsOfTicket } from '../queries.js';
import { callNotesBody, callParams } from './callbackSchema.js';

/** Calls on a ticket (duration, agent, recording link) and agents' notes on them. */
export function registerCallRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['calls'];

  app.get('/api/v1/tickets/:idOrNumber/calls', {
    onRequest: requireAgent('tickets:read'),
    schema: { tags, summary: "The ticket's phone calls, oldest first", params: ticketParams },
  }, async (request) => {
    const ticket = await findTicketForActor(ctx, agentActor(request), request.params.idOrNumber);
    return { items: (await callsOfTicket(ctx.db, ticket.id)).map((row) => presentCall(row, row.agent_name)) };
  });

  app.put('/api/v1/calls/:id/notes', {
    onRequest: requireAgent('tickets:write'),
    schema: { tags, summary: "Write the agent's notes on a call (screened for secrets)", params: callParams, body: callNotesBody },
  }, async (request) => {
    const actor = agentActor(request);
    const call = await callNotesWriter(ctx, actor, request.params.id, request.body.notes, originOf(request));
    const agent = call.agent_id ? await ctx.db.selectFrom('agents').select('name').where('id', '=', call.agent_id).executeTakeFirst() : undefined;
    return presentCall(call, agent?.name ?? null);
  });
}
