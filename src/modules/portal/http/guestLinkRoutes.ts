import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../context.js';
import { verifyToken } from '../../../platform/crypto.js';
import { GUEST_COOKIE, GUEST_TOKEN_PURPOSE } from '../../identity/http/authenticate.js';
import { GUEST_LINK_TTL_SECONDS } from '../../tickets/guestLinks.js';
import { findTicketForActor } from '../../tickets/queries.js';
import { isHttps, localeOf } from '../viewer.js';
import { guestLinkParams, pageQuery } from './portalSchema.js';
import { sendErrorPage } from './render.js';

/**
 * `/t/<token>` from the guest's email: swap the token in the URL for an httpOnly cookie and
 * move on to the ticket, so the token is not left in the address bar, history or a screenshot.
 */
export function registerGuestLinkRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/t/:token', { schema: { hide: true, params: guestLinkParams, querystring: pageQuery } }, async (request, reply) => {
    const locale = localeOf(request, reply, ctx.config.PUBLIC_URL);
    const { token } = request.params;
    const ticketId = verifyToken(ctx.secret, GUEST_TOKEN_PURPOSE, token);
    // The signature already proves the holder may read this ticket; customerId only matters
    // for following merges, which the ticket page handles.
    const ticket = ticketId
      ? await findTicketForActor(ctx, { kind: 'guest', ticketId, customerId: '' }, ticketId).catch(() => null)
      : null;
    if (!ticket) return sendErrorPage(request, reply, locale, 'guestLink', 404);
    void reply.setCookie(GUEST_COOKIE, token, {
      path: '/', httpOnly: true, sameSite: 'lax', secure: isHttps(ctx.config.PUBLIC_URL), maxAge: GUEST_LINK_TTL_SECONDS,
    });
    return reply.redirect(`/tickets/${encodeURIComponent(ticket.number)}`, 303);
  });
}
