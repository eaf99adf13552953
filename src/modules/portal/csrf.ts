import type { FastifyReply, FastifyRequest } from 'fastify';
import { hmac, randomToken, safeEqual } from '../../platform/crypto.js';
import { AppError } from '../../platform/http/errors.js';
import { isHttps } from './viewer.js';
import { assertCsrf } from '../identity/http/authenticate.js';

/**
 * CSRF for portal forms. Signed-in customers and guest-link holders already have a token
 * (`request.csrfToken`, from their session or guest cookie). Anonymous visitors get a
 * double-submit pair: a random `ld_csrf` cookie (SameSite=Strict, httpOnly) and a hidden
 * field holding its HMAC, so a value planted in the cookie by someone else cannot be paired
 * with a field without our key.
 *
 * Our forms are multipart (they carry attachments), so their routes declare
 * `config: { csrf: 'handler' }` and call `assertFormCsrf` once the fields are read.
 */
export const ANON_CSRF_COOKIE = 'ld_csrf';

const anonFieldValue = (secret: Buffer, cookie: string): string => hmac(secret, `portal-form.${cookie}`);

/** The `_csrf` value to put in a form rendered for this request (sets `ld_csrf` if needed). */
export function formCsrfToken(request: FastifyRequest, reply: FastifyReply, secret: Buffer, publicUrl: string): string {
  if (request.csrfToken) return request.csrfToken;
  let cookie = request.cookies[ANON_CSRF_COOKIE];
  if (!cookie || cookie.length < 32) {
    cookie = randomToken();
    request.cookies[ANON_CSRF_COOKIE] = cookie;
    void reply.setCookie(ANON_CSRF_COOKIE, cookie, { path: '/', httpOnly: true, sameSite: 'strict', secure: isHttps(publicUrl) });
  }
  return anonFieldValue(secret, cookie);
}

/** Throws 403 csrf_failed unless `sent` matches this visitor's token. */
export function assertFormCsrf(request: FastifyRequest, secret: Buffer, sent: unknown): void {
  if (request.csrfToken) return assertCsrf(request, sent);
  const cookie = request.cookies[ANON_CSRF_COOKIE];
  if (typeof sent !== 'string' || !cookie || !safeEqual(sent, anonFieldValue(secret, cookie))) throw new AppError('csrf_failed');
}
