import type { FastifyReply, FastifyRequest } from 'fastify';
import { hmac, randomToken, safeEqual } from '../../platform/crypto.js';
import { AppError } from '../../platform/http/errors.js';
import { isHttps } from './viewer.js';

/**
 * CSRF for portal forms. Signed-in customers and guest-link holders already have a token
 * (`request.csrfToken`, from their session or guest cookie). Anonymous visitors get a
 * double-submit pair: a random `ld_csrf` cookie (SameSite=Strict, httpOnly) and a hidden
 * field holding its HMAC, so a value planted in the cookie by someone else cannot be paired
 * with a field without our key.
 *
 * Our forms are multipart (they carry attachments), and multipart fields are only read inside
 * the handler, after the global preValidation check ran without a body to look at. So the
 * multipart routes take the token out of `request.csrfToken` before that check
 * (`deferCsrfCheck`) and verify it themselves with `assertFormCsrf` before any side effect.
 */
export const ANON_CSRF_COOKIE = 'ld_csrf';

const deferred = new WeakMap<FastifyRequest, string>();

const anonFieldValue = (secret: Buffer, cookie: string): string => hmac(secret, `portal-form.${cookie}`);

/** The `_csrf` value to put in a form rendered for this request (sets `ld_csrf` if needed). */
export function formCsrfToken(request: FastifyRequest, reply: FastifyReply, secret: Buffer, publicUrl: string): string {
  const own = request.csrfToken ?? deferred.get(request);
  if (own) return own;
  let cookie = request.cookies[ANON_CSRF_COOKIE];
  if (!cookie || cookie.length < 32) {
    cookie = randomToken();
    request.cookies[ANON_CSRF_COOKIE] = cookie;
    void reply.setCookie(ANON_CSRF_COOKIE, cookie, { path: '/', httpOnly: true, sameSite: 'strict', secure: isHttps(publicUrl) });
  }
  return anonFieldValue(secret, cookie);
}

/** onRequest hook for multipart form routes: the handler checks the token after parsing. */
export async function deferCsrfCheck(request: FastifyRequest): Promise<void> {
  if (request.csrfToken) {
    deferred.set(request, request.csrfToken);
    request.csrfToken = null;
  }
}

/** Throws 403 csrf_failed unless `sent` matches this visitor's token. */
export function assertFormCsrf(request: FastifyRequest, secret: Buffer, sent: unknown): void {
  const ok = (() => {
    if (typeof sent !== 'string' || !sent) return false;
    const own = deferred.get(request) ?? request.csrfToken;
    if (own) return safeEqual(sent, own);
    const cookie = request.cookies[ANON_CSRF_COOKIE];
    return !!cookie && safeEqual(sent, anonFieldValue(secret, cookie));
  })();
  if (!ok) throw new AppError('csrf_failed');
}
