import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../context.js';
import { AppError } from '../../../platform/http/errors.js';
import { withIdempotency } from '../../../platform/http/idempotency.js';
import { mapPage } from '../../../platform/http/pagination.js';
import { requireCustomer } from '../../identity/http/authenticate.js';
import { originOf } from '../../identity/audit.js';
import type { Actor } from '../../identity/actor.js';
import { messageSender } from '../commands/messageSender.js';
import { ticketCreator } from '../commands/ticketCreator.js';
import { abilitiesFor } from '../policies.js';
import { presentMessageForCustomer, presentTicketForCustomer, presentTicketSummaryForCustomer } from '../presenters.js';
import { authorNames, findTicketForActor, listMessagesForActor, listTicketsForActor, loadTicketDetail } from '../queries.js';
import type { TicketRow } from '../ticketEvents.js';
import { customerCreateBody, customerListQuery, customerMessageBody, customerMessagesQuery, customerTicketParams } from './customerSchema.js';
import { multipartBody, uploadsFingerprint, uploadsOf } from './multipartBody.js';
import { idempotencyScopeOf } from './ticketRoutes.js';
import { idempotencyHeaders } from './ticketSchema.js';

const tags = ['customer tickets'];

/** The web form is open to anyone; agents use /api/v1/tickets instead. */
async function customerOrAnonymous(request: FastifyRequest): Promise<void> {
  if (request.actor?.kind === 'agent') throw new AppError('forbidden', 'This endpoint is for customers.');
}

function customerActor(request: FastifyRequest): Exclude<Actor, { kind: 'agent' }> {
  const actor = request.actor;
  if (!actor || actor.kind === 'agent') throw new AppError('unauthenticated');
  return actor;
}

/**
 * The customer's side: their own tickets only (a guest: only the linked one), no internal
 * notes, no internal fields, and the helping agent known by first name only.
 */
export function registerCustomerTicketRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const present = async (actor: Actor, ticket: TicketRow) => {
    const [detail, messages] = await Promise.all([
      loadTicketDetail(ctx.db, ticket),
      listMessagesForActor(ctx, actor, ticket, { limit: 200 }),
    ]);
    return { ...presentTicketForCustomer(detail, abilitiesFor(actor, ticket)), messages: messages.items.map(presentMessageForCustomer) };
  };

  r.post('/api/v1/me/tickets', {
    onRequest: customerOrAnonymous,
    preValidation: multipartBody(ctx),
    schema: {
      tags, summary: 'Open a ticket from the web form (signed-in customers and guests)',
      description: 'Without a signed-in account `customer.email` is required; the link to follow the ticket is sent there.',
      headers: idempotencyHeaders, body: customerCreateBody,
    },
  }, async (request, reply) => {
    const actor = request.actor;
    return withIdempotency(request, reply, idempotencyScopeOf(request), async () => {
      const { ticket } = await ticketCreator({
        ctx, actor, input: { ...request.body, channel: 'web' }, files: uploadsOf(request), origin: originOf(request),
      });
      // The guest link goes to the email address only, never into this response: whoever
      // typed an address must prove they own it before reading replies sent to it.
      const viewer: Actor = actor ?? { kind: 'guest', customerId: ticket.customer_id, ticketId: ticket.id };
      return { status: 201, body: await present(viewer, ticket) };
    }, { db: ctx.db, fingerprint: uploadsFingerprint(request) });
  });

  r.get('/api/v1/me/tickets', {
    onRequest: requireCustomer,
    schema: { tags, summary: 'My tickets, newest first', querystring: customerListQuery },
  }, async (request) => {
    const actor = customerActor(request);
    const { limit, cursor } = request.query;
    const page = await listTicketsForActor(ctx, actor, { limit, ...(cursor ? { cursor } : {}) });
    return mapPage(page, presentTicketSummaryForCustomer);
  });

  r.get('/api/v1/me/tickets/:number', {
    onRequest: requireCustomer,
    schema: { tags, summary: 'One of my tickets with its conversation', params: customerTicketParams },
  }, async (request) => {
    const actor = customerActor(request);
    return present(actor, await findTicketForActor(ctx, actor, request.params.number));
  });

  r.get('/api/v1/me/tickets/:number/messages', {
    onRequest: requireCustomer,
    schema: { tags, summary: 'The conversation of one of my tickets, oldest first', params: customerTicketParams, querystring: customerMessagesQuery },
  }, async (request) => {
    const actor = customerActor(request);
    const ticket = await findTicketForActor(ctx, actor, request.params.number);
    const { limit, cursor } = request.query;
    return mapPage(await listMessagesForActor(ctx, actor, ticket, { limit, ...(cursor ? { cursor } : {}) }), presentMessageForCustomer);
  });

  r.post('/api/v1/me/tickets/:number/messages', {
    onRequest: requireCustomer,
    preValidation: multipartBody(ctx),
    schema: {
      tags, summary: 'Reply on one of my tickets', description: 'JSON, or multipart/form-data with files under `attachments`.',
      params: customerTicketParams, headers: idempotencyHeaders, body: customerMessageBody,
    },
  }, async (request, reply) => {
    const actor = customerActor(request);
    return withIdempotency(request, reply, idempotencyScopeOf(request), async () => {
      const sent = await messageSender({
        ctx, actor, ticketId: request.params.number, input: { body: request.body.body, visibility: 'public' },
        files: uploadsOf(request), origin: originOf(request),
      });
      const names = await authorNames(ctx.db, [{ type: 'customer', id: actor.customerId }]);
      const view = { message: sent.message, attachments: sent.attachments, authorName: names.get(`customer:${actor.customerId}`) ?? null };
      return { status: 201, body: presentMessageForCustomer(view) };
    }, { db: ctx.db, fingerprint: uploadsFingerprint(request) });
  });
}
