import type { AppContext } from '../../context.js';
import { signToken } from '../../platform/crypto.js';
import { GUEST_TOKEN_PURPOSE } from '../identity/http/authenticate.js';

export const GUEST_LINK_TTL_SECONDS = 30 * 24 * 3600;

/** A token that lets whoever holds it follow exactly one ticket (see authenticate.ts). */
export const guestTokenFor = (ctx: AppContext, ticketId: string): string =>
  signToken(ctx.secret, GUEST_TOKEN_PURPOSE, ticketId, GUEST_LINK_TTL_SECONDS);

/** The link a guest receives by email; the portal turns `/t/<token>` into the `ld_guest` cookie. */
export function guestLinkFor(ctx: AppContext, ticketId: string, token = guestTokenFor(ctx, ticketId)): string {
  return `${ctx.config.PUBLIC_URL.replace(/\/$/, '')}/t/${token}`;
}
