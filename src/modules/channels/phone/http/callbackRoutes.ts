import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../../context.js';
import { AppError } from '../../../../platform/http/errors.js';
import { originOf } from '../../../identity/audit.js';
import { agentActor, requireAgent } from '../../../identity/http/authenticate.js';
import { lockedFor, recordFailure, type ThrottleRule } from '../../../identity/throttle.js';
import { findTicketForActor } from '../../../tickets/queries.js';
import { ticketParams } from '../../../tickets/http/ticketSchema.js';
import { openCallbackStates } from '../callbackQueue.js';
import { callbackAssigner, callbackOutcomeRecorder } from '../commands/callbackOutcomeRecorder.js';
import { callbackRequester, type CallbackInput } from '../commands/callbackRequester.js';
import { callbackAbilities } from '../policies.js';
import { presentCallback } from '../presenters.js';
import { callbackById, callbackQueue, callbacksOfTicket } from '../queries.js';
import { assignBody, callbackBody, callbackParams, callbackQueueQuery, outcomeBody } from './callbackSchema.js';

/** Public callback requests per address: enough for a family behind one router, not for a flood. */
export const callbackRequestRule: ThrottleRule = { limit: 5, windowMs: 3600_000, lockMs: 3600_000 };
const throttleKey = (ip: string | null) => `callback:ip:${ip ?? 'unknown'}`;

/** The widget runs on the exchange's pages: the public request answers any origin (never with cookies), errors included. */
const allowAnyOrigin = async (_request: unknown, reply: FastifyReply) => {
  void reply.header('access-control-allow-origin', '*').header('access-control-allow-headers', 'content-type').header('access-control-allow-methods', 'POST').header('access-control-max-age', '600');
};

/** Counts one public request from this address; throws 429 rate_limited once the address has used its share. */
export async function throttleCallbackRequest(ctx: AppContext, ip: string | null): Promise<void> {
  if ((await lockedFor(ctx.db, throttleKey(ip))) > 0) throw new AppError('rate_limited', 'Too many callback requests from this address; try again in an hour.');
  await recordFailure(ctx.db, throttleKey(ip), callbackRequestRule);
}

/** The callback queue: customers ask (public), agents work it in due order and record outcomes. */
export function registerCallbackRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['callbacks'];
  const read = requireAgent('tickets:read');
  const write = requireAgent('tickets:write');

  app.options('/api/v1/callbacks', { schema: { hide: true }, onRequest: allowAnyOrigin }, async (_request, reply) => reply.code(204).send());

  app.post('/api/v1/callbacks', {
    onRequest: allowAnyOrigin,
    schema: { tags, summary: 'Ask to be called back (help center, widget): opens a phone ticket and queues the call', body: callbackBody },
  }, async (request, reply) => {
    await throttleCallbackRequest(ctx, request.ip ?? null);
    const input: CallbackInput = request.body;
    const { callback, ticketNumber } = await callbackRequester(ctx, request.actor, input, originOf(request));
    return reply.status(201).send({ id: callback.id, ticketNumber, dueAt: callback.due_at, state: callback.state });
  });

  app.get('/api/v1/callbacks', {
    onRequest: read,
    schema: { tags, summary: 'The callback queue, earliest due first (overdue flagged)', querystring: callbackQueueQuery },
  }, async (request) => {
    const { state, due_before, limit } = request.query;
    const rows = await callbackQueue(ctx.db, { states: state === 'open' ? openCallbackStates : [state], dueBefore: due_before, limit });
    return { items: rows.map((row) => presentCallback(row)), abilities: { recordOutcome: callbackAbilities(agentActor(request)).recordOutcome } };
  });

  app.post('/api/v1/callbacks/:id/outcome', {
    onRequest: write,
    schema: { tags, summary: 'Record how a callback went (no_answer is retried after 15 and 60 minutes, then given up)', params: callbackParams, body: outcomeBody },
  }, async (request) => {
    const row = await callbackOutcomeRecorder(ctx, agentActor(request), request.params.id, request.body, originOf(request));
    return presentCallback((await callbackById(ctx.db, row.id))!);
  });

  app.post('/api/v1/callbacks/:id/assign', {
    onRequest: write,
    schema: { tags, summary: 'Take a callback (to: me) or give it back to the queue (to: nobody)', params: callbackParams, body: assignBody },
  }, async (request) => {
    const row = await callbackAssigner(ctx, agentActor(request), request.params.id, request.body.to);
    return presentCallback((await callbackById(ctx.db, row.id))!);
  });

  app.get('/api/v1/tickets/:idOrNumber/callbacks', {
    onRequest: read,
    schema: { tags, summary: "The ticket's callback requests", params: ticketParams },
  }, async (request) => {
    const ticket = await findTicketForActor(ctx, agentActor(request), request.params.idOrNumber);
    return { items: (await callbacksOfTicket(ctx.db, ticket.id)).map((row) => presentCallback(row)) };
  });
}
