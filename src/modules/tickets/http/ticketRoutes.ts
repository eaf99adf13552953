import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../context.js';
import { withIdempotency } from '../../../platform/http/idempotency.js';
import { mapPage } from '../../../platform/http/pagination.js';
import { agentActor, requireAgent } from '../../identity/http/authenticate.js';
import { originOf } from '../../identity/audit.js';
import type { AgentActor } from '../../identity/actor.js';
import { messageSender } from '../commands/messageSender.js';
import { ticketCreator } from '../commands/ticketCreator.js';
import { ticketMerger } from '../commands/ticketMerger.js';
import { ticketUpdater } from '../commands/ticketUpdater.js';
import { abilitiesFor } from '../policies.js';
import { presentMessageForAgent, presentTicketForAgent, presentTicketSummary, presentTimelineEntry } from '../presenters.js';
import { authorNames, findTicketForActor, listMessagesForActor, listTicketsForActor, loadTicketDetail, tagsByTicket, timelineFor, type KnownDetail } from '../queries.js';
import type { TicketRow } from '../ticketEvents.js';
import { multipartBody, uploadsFingerprint, uploadsOf } from './multipartBody.js';
import {
  createMessageBody, createTicketBody, idempotencyHeaders, listMessagesQuery, listTicketsQuery, mergeBody, ticketParams, updateTicketBody,
} from './ticketSchema.js';

const tags = ['tickets'];
export const idempotencyScopeOf = (request: FastifyRequest): string => {
  const actor = request.actor;
  if (!actor) return `anon:${request.ip}`;
  if (actor.kind === 'agent') return `agent:${actor.agentId}`;
  if (actor.kind === 'customer') return `customer:${actor.customerId}`;
  return `guest:${actor.ticketId}`;
};

/** Agent and integration API: every ticket, every field, internal notes included. */
export function registerTicketRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = requireAgent('tickets:read');
  const write = requireAgent('tickets:write');

  const presentTicket = async (actor: AgentActor, ticket: TicketRow, known?: KnownDetail) =>
    presentTicketForAgent(await loadTicketDetail(ctx.db, ticket, known), abilitiesFor(actor, ticket));

  r.post('/api/v1/tickets', {
    onRequest: write,
    preValidation: multipartBody(ctx, ['tags']),
    schema: {
      tags, summary: 'Create a ticket',
      description: 'JSON, or multipart/form-data with the same fields (dotted names for nested ones) plus files under `attachments`.',
      headers: idempotencyHeaders, body: createTicketBody,
    },
  }, async (request, reply) => {
    const actor = agentActor(request);
    return withIdempotency(request, reply, idempotencyScopeOf(request), async () => {
      const created = await ticketCreator({ ctx, actor, input: request.body, files: uploadsOf(request), origin: originOf(request) });
      return { status: 201, body: await presentTicket(actor, created.ticket, { customer: created.customer, tags: [...created.tags].sort() }) };
    }, { db: ctx.db, fingerprint: uploadsFingerprint(request) });
  });

  r.get('/api/v1/tickets', {
    onRequest: read,
    schema: { tags, summary: 'List tickets, newest first', querystring: listTicketsQuery },
  }, async (request) => {
    const actor = agentActor(request);
    const { limit, cursor, ...filters } = request.query;
    const page = await listTicketsForActor(ctx, actor, { filters, limit, ...(cursor ? { cursor } : {}) });
    const tagMap = await tagsByTicket(ctx.db, page.items.map((t) => t.id));
    return mapPage(page, (t) => presentTicketSummary(t, tagMap.get(t.id) ?? []));
  });

  r.get('/api/v1/tickets/:idOrNumber', {
    onRequest: read,
    schema: { tags, summary: 'Read a ticket with its customer, tags and your abilities', params: ticketParams },
  }, async (request) => {
    const actor = agentActor(request);
    return presentTicket(actor, await findTicketForActor(ctx, actor, request.params.idOrNumber));
  });

  r.patch('/api/v1/tickets/:idOrNumber', {
    onRequest: write,
    schema: { tags, summary: 'Change status, priority, category, assignee, team, tags or subject', params: ticketParams, body: updateTicketBody },
  }, async (request) => {
    const actor = agentActor(request);
    const ticket = await ticketUpdater({ ctx, actor, ticketId: request.params.idOrNumber, changes: request.body, origin: originOf(request) });
    return presentTicket(actor, ticket);
  });

  r.post('/api/v1/tickets/:idOrNumber/messages', {
    onRequest: write,
    preValidation: multipartBody(ctx),
    schema: {
      tags, summary: 'Reply publicly or add an internal note',
      description: 'JSON, or multipart/form-data with files under `attachments`.',
      params: ticketParams, headers: idempotencyHeaders, body: createMessageBody,
    },
  }, async (request, reply) => {
    const actor = agentActor(request);
    return withIdempotency(request, reply, idempotencyScopeOf(request), async () => {
      const sent = await messageSender({
        ctx, actor, ticketId: request.params.idOrNumber, input: request.body, files: uploadsOf(request), origin: originOf(request),
      });
      const names = await authorNames(ctx.db, [{ type: 'agent', id: actor.agentId }]);
      const view = { message: sent.message, attachments: sent.attachments, authorName: names.get(`agent:${actor.agentId}`) ?? null };
      return { status: 201, body: presentMessageForAgent(view) };
    }, { db: ctx.db, fingerprint: uploadsFingerprint(request) });
  });

  r.get('/api/v1/tickets/:idOrNumber/messages', {
    onRequest: read,
    schema: { tags, summary: 'Messages, oldest first, internal notes included', params: ticketParams, querystring: listMessagesQuery },
  }, async (request) => {
    const actor = agentActor(request);
    const ticket = await findTicketForActor(ctx, actor, request.params.idOrNumber);
    const { limit, cursor } = request.query;
    const page = await listMessagesForActor(ctx, actor, ticket, { limit, ...(cursor ? { cursor } : {}) });
    return mapPage(page, presentMessageForAgent);
  });

  r.get('/api/v1/tickets/:idOrNumber/timeline', {
    onRequest: read,
    schema: { tags, summary: 'Every change to the ticket, with who made it', params: ticketParams },
  }, async (request) => {
    const actor = agentActor(request);
    const ticket = await findTicketForActor(ctx, actor, request.params.idOrNumber);
    return { items: (await timelineFor(ctx, ticket.id)).map(presentTimelineEntry) };
  });

  r.post('/api/v1/tickets/:idOrNumber/merge', {
    onRequest: write,
    schema: { tags, summary: 'Merge this ticket into another one', params: ticketParams, body: mergeBody },
  }, async (request) => {
    const actor = agentActor(request);
    const { source, target } = await ticketMerger({
      ctx, actor, ticketId: request.params.idOrNumber, intoTicket: request.body.intoTicket, origin: originOf(request),
    });
    return { source: await presentTicket(actor, source), target: await presentTicket(actor, target) };
  });
}
