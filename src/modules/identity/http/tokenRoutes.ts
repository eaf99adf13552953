import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../context.js';
import { notFound } from '../../../platform/http/errors.js';
import { originOf } from '../audit.js';
import { tokenCreator, tokenRevoker } from '../commands/tokenCreator.js';
import { decodeCursor, toPage } from '../../../platform/http/pagination.js';
import { canSeeAllTokens } from '../policies.js';
import { presentApiToken } from '../presenters.js';
import { createTokenBody, listTokensQuery, tokenIdParams } from './tokenSchema.js';
import { anyAgent } from './sessionGuards.js';

/** Create (console only), list and revoke API tokens. */
export function registerTokenRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['api-tokens'];

  app.post('/api/v1/api-tokens', { schema: { tags, summary: 'Create an API token (the raw token is returned once)', body: createTokenBody } }, async (request, reply) => {
    const actor = anyAgent(request);
    const { raw, row } = await tokenCreator(ctx, { actor, origin: originOf(request), ...request.body });
    return reply.code(201).send({ token: raw, apiToken: presentApiToken(row) });
  });

  app.get('/api/v1/api-tokens', { schema: { tags, summary: 'Your tokens (admins: every token)', querystring: listTokensQuery } }, async (request) => {
    const actor = anyAgent(request);
    const { cursor, limit } = request.query;
    let q = ctx.db.selectFrom('api_tokens').selectAll().orderBy('id').limit(limit + 1);
    if (!canSeeAllTokens(actor)) q = q.where('agent_id', '=', actor.agentId);
    if (cursor) q = q.where('id', '>', decodeCursor(cursor));
    return toPage(await q.execute(), limit, presentApiToken);
  });

  app.delete('/api/v1/api-tokens/:id', { schema: { tags, summary: 'Revoke a token', params: tokenIdParams } }, async (request, reply) => {
    const actor = anyAgent(request);
    const token = await ctx.db.selectFrom('api_tokens').select(['id', 'agent_id']).where('id', '=', request.params.id).executeTakeFirst();
    // Someone else's token is "not found", not "forbidden": ids are not to be probed.
    if (!token || (token.agent_id !== actor.agentId && !canSeeAllTokens(actor))) throw notFound('No such token.');
    await tokenRevoker(ctx, { actor, origin: originOf(request), tokenId: token.id });
    return reply.code(204).send();
  });
}
