import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../context.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/http/errors.js';
import { atLeast, type AgentActor } from '../../identity/actor.js';
import { originOf } from '../../identity/audit.js';
import { agentActor, requireAgent } from '../../identity/http/authenticate.js';
import { actorRef } from '../../tickets/ticketEvents.js';
import { accountFreezer } from '../freeze/accountFreezer.js';
import type { UnfreezeRequestRow } from '../freeze/policies.js';
import { presentUnfreezeRequest } from '../freeze/presenters.js';
import { frozenByAgent, unfreezeDecider } from '../freeze/unfreezeDecider.js';
import { unfreezeRequester } from '../freeze/unfreezeRequester.js';
import { panelContext } from '../panel/subject.js';
import { approveBody, freezeBody, rejectBody, unfreezeListQuery, unfreezeRequestBody, unfreezeRequestParams } from './freezeSchema.js';
import { ticketParams } from './panelSchema.js';

/** Agent-initiated freeze (a reason, audited) and unfreeze with four eyes. */
export function registerFreezeRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const writer = requireAgent('tickets:write');
  const tags = ['exchange'];

  const present = async (rows: UnfreezeRequestRow[], actor: AgentActor) => {
    const numbers = new Map(
      rows.length ? (await ctx.db.selectFrom('tickets').select(['id', 'number']).where('id', 'in', rows.map((r) => r.ticket_id)).execute()).map((t) => [t.id, t.number]) : [],
    );
    return Promise.all(rows.map(async (r) => presentUnfreezeRequest(r, actor, await frozenByAgent(ctx.db, r.uid), numbers.get(r.ticket_id) ?? null)));
  };

  app.post('/api/v1/tickets/:id/exchange/freeze', {
    preHandler: writer, schema: { tags, summary: "Freeze the ticket's customer's exchange account now (assigned agent or supervisor; reason audited)", params: ticketParams, body: freezeBody },
  }, async (request) => {
    const actor = agentActor(request);
    const subject = await panelContext(ctx.db, actor, request.params.id);
    if (!subject.uid) throw new AppError('conflict', 'This customer has no exchange account to freeze.', 'ticket');
    const { account } = await accountFreezer(ctx, {
      key: `agent:${newId()}`, ticketId: subject.ticketId, customerId: subject.customerId, uid: subject.uid, source: 'agent', agentId: actor.agentId,
      reason: request.body.reason, by: actorRef(actor), actor, origin: originOf(request),
    });
    return { account: { uid: account.uid, status: account.status, frozenReason: account.frozenReason } };
  });

  app.post('/api/v1/tickets/:id/exchange/unfreeze-requests', {
    preHandler: writer, schema: { tags, summary: "Ask for the customer's frozen account to be unfrozen; a different supervisor or admin must approve", params: ticketParams, body: unfreezeRequestBody },
  }, async (request, reply) => {
    const actor = agentActor(request);
    const row = await unfreezeRequester(ctx, { actor, origin: originOf(request), ticket: request.params.id, reason: request.body.reason });
    return reply.status(201).send({ request: (await present([row], actor))[0] });
  });

  app.get('/api/v1/exchange/unfreeze-requests', {
    preHandler: requireAgent('tickets:read'), schema: { tags, summary: 'Unfreeze requests: supervisors and admins see all, agents their own', querystring: unfreezeListQuery },
  }, async (request) => {
    const actor = agentActor(request);
    let query = ctx.db.selectFrom('unfreeze_requests').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(request.query.limit);
    if (request.query.state !== 'any') query = query.where('state', '=', request.query.state);
    if (!atLeast(actor.role, 'supervisor')) query = query.where('requested_by', '=', actor.agentId);
    return { items: await present(await query.execute(), actor) };
  });

  for (const decision of ['approve', 'reject'] as const) {
    app.post(`/api/v1/exchange/unfreeze-requests/:id/${decision}`, {
      preHandler: requireAgent('tickets:write', 'supervisor'),
      schema: {
        tags, params: unfreezeRequestParams, body: decision === 'approve' ? approveBody : rejectBody,
        summary: decision === 'approve' ? 'Approve: the exchange unfreezes the account (not by the requester or the agent who froze it)' : 'Reject the unfreeze request with a note',
      },
    }, async (request) => {
      const actor = agentActor(request);
      const row = await unfreezeDecider(ctx, { actor, origin: originOf(request), id: request.params.id, decision, note: request.body.note ?? null });
      return { request: (await present([row], actor))[0] };
    });
  }
}
