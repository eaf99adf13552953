import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../context.js';
import { AppError } from '../../../platform/http/errors.js';
import { audit, originOf } from '../audit.js';
import { portalSignIn } from '../commands/portalSignIn.js';
import { clearSessionCookie, setSessionCookie } from '../commands/sessionCreator.js';
import { presentCustomer } from '../presenters.js';
import { portalSessionBody, portalSignInQuery } from './portalSchema.js';

/** Exchange users arrive signed in by their exchange; these routes turn its token into a portal session. */
export function registerPortalSessionRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['portal'];

  app.post('/api/v1/portal/session', { schema: { tags, summary: 'Sign a customer in with an exchange identity token', body: portalSessionBody, security: [] } }, async (request, reply) => {
    const { customer, session } = await portalSignIn(ctx, { token: request.body.token, origin: originOf(request) });
    setSessionCookie(ctx, reply, session);
    return { csrfToken: session.csrfToken, customer: presentCustomer(customer) };
  });

  // Browser variant: the exchange links here; the cookie is set and the customer lands on their tickets.
  app.get('/portal/sign-in', { schema: { tags, summary: 'Browser sign-in link from the exchange (303 to /tickets)', querystring: portalSignInQuery, security: [] } }, async (request, reply) => {
    const { session } = await portalSignIn(ctx, { token: request.query.token, origin: originOf(request) });
    setSessionCookie(ctx, reply, session);
    void reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    return reply.redirect('/tickets', 303);
  });

  app.post('/api/v1/portal/logout', { schema: { tags, summary: 'Sign the customer out' } }, async (request, reply) => {
    const actor = request.actor;
    if (!actor) throw new AppError('unauthenticated');
    if (actor.kind !== 'customer') throw new AppError('forbidden', 'This endpoint is for signed-in customers.');
    await ctx.transaction(async (trx) => {
      await trx.deleteFrom('sessions').where('id', '=', actor.sessionId).execute();
      await audit(trx, { actor, action: 'portal.signed_out', targetType: 'customer', targetId: actor.customerId, origin: originOf(request) });
    });
    clearSessionCookie(ctx, reply);
    return reply.code(204).send();
  });
}
