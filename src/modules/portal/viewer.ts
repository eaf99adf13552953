import type { FastifyReply, FastifyRequest } from 'fastify';
import { LOCALE_COOKIE, matchLocale, negotiateLocale, type Locale } from '../../platform/i18n/index.js';
import type { CustomerActor, GuestActor } from '../identity/actor.js';

/**
 * Who is looking at a portal page. Agents are treated as anonymous visitors here: the portal
 * shows the customer's view only, and an agent's wider access (internal notes) must never
 * leak into a customer-facing page.
 */
export type Viewer = CustomerActor | GuestActor | null;

export function viewerOf(request: FastifyRequest): Viewer {
  const actor = request.actor;
  return actor && actor.kind !== 'agent' ? actor : null;
}

const ONE_YEAR = 365 * 24 * 3600;

export const isHttps = (publicUrl: string): boolean => publicUrl.startsWith('https:');

/**
 * The page language: `?lang=` (remembered in the `ld_lang` cookie), then the cookie, then
 * Accept-Language.
 */
export function localeOf(request: FastifyRequest, reply: FastifyReply, publicUrl: string): Locale {
  const query = request.query as Record<string, unknown> | undefined;
  const asked = typeof query?.lang === 'string' ? matchLocale(query.lang) : null;
  const remembered = request.cookies[LOCALE_COOKIE];
  if (asked && asked !== remembered) {
    void reply.setCookie(LOCALE_COOKIE, asked, { path: '/', maxAge: ONE_YEAR, sameSite: 'lax', httpOnly: true, secure: isHttps(publicUrl) });
  }
  return negotiateLocale({ query: asked ?? undefined, cookie: remembered, acceptLanguage: request.headers['accept-language'] });
}
