import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { safeEqual } from '../crypto.js';
import { AppError } from './errors.js';

/**
 * How LedgerDesk and the systems beside it trust each other's requests — the exchange's backend
 * (both ways), a telephony system's call events, a connector bridge (both ways): one scheme for
 * all, documented in docs/exchange-adapter.md, docs/phone.md and docs/connector.md.
 *
 *   X-LD-Timestamp: <Unix seconds>
 *   X-LD-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "\n" + part₁ + "\n" + … )>
 *
 * The parts are what the receiver must not let anyone change: the raw body, and for an API call
 * also the method and path. A timestamp more than five minutes off is refused, so a captured
 * request cannot be replayed later; within the window, receivers deduplicate by the event's id.
 */
export const signatureHeaders = { timestamp: 'x-ld-timestamp', signature: 'x-ld-signature' } as const;
export const MAX_CLOCK_SKEW_SECONDS = 300;

export const signatureOf = (secret: string, timestamp: string, parts: readonly string[]): string =>
  `v1=${createHmac('sha256', secret).update([timestamp, ...parts].join('\n')).digest('hex')}`;

/** The two headers that sign `parts` now. */
export function signatureHeadersFor(secret: string, parts: readonly string[], nowMs = Date.now()): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  return { [signatureHeaders.timestamp]: timestamp, [signatureHeaders.signature]: signatureOf(secret, timestamp, parts) };
}

export type SignatureCheck = { ok: true } | { ok: false; why: 'missing' | 'stale' | 'bad_signature' };

type Headers = Record<string, string | string[] | undefined>;

export const headerValue = (headers: Headers, name: string): string | undefined => {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** Checks the signature headers of a request whose signed parts are `parts`. */
export function checkSignature(headers: Headers, secret: string, parts: readonly string[], nowMs = Date.now()): SignatureCheck {
  const timestamp = headerValue(headers, signatureHeaders.timestamp);
  const signature = headerValue(headers, signatureHeaders.signature);
  if (!timestamp || !signature) return { ok: false, why: 'missing' };
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) return { ok: false, why: 'stale' };
  return safeEqual(signature, signatureOf(secret, timestamp, parts)) ? { ok: true } : { ok: false, why: 'bad_signature' };
}

export interface SignedWebhook<Body extends z.ZodType> {
  path: string;
  schema: { tags: string[]; summary: string; params?: z.ZodType; body: Body };
  /** Above Fastify's default, for senders whose events carry files inline. */
  bodyLimit?: number;
  /** What a refusal names: "The call event" → "The call event's signature was rejected (stale)." */
  what: string;
  /** Checks the signature over the raw body (it may also refuse an unknown sender with its own error). */
  verify: (request: FastifyRequest, raw: string) => SignatureCheck | { ok: false; why: string } | Promise<SignatureCheck | { ok: false; why: string }>;
}

/**
 * A POST route for a signed webhook. The signature covers the raw bytes, so its scope keeps JSON
 * bodies as text until `verify` passes: a forged or stale request is answered 401 before
 * anything is parsed, let alone written. Then the body is parsed and validated as usual.
 */
export async function registerSignedWebhook<Body extends z.ZodType>(
  root: FastifyInstance,
  hook: SignedWebhook<Body>,
  handler: (body: z.infer<Body>, request: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
): Promise<void> {
  const raw = new WeakMap<FastifyRequest, string>();
  await root.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string', ...(hook.bodyLimit ? { bodyLimit: hook.bodyLimit } : {}) }, (request, body, done) => {
      raw.set(request, body as string);
      done(null, {});
    });
    scope.withTypeProvider<ZodTypeProvider>().post(hook.path, {
      ...(hook.bodyLimit ? { bodyLimit: hook.bodyLimit } : {}),
      schema: hook.schema,
      preValidation: async (request) => {
        const text = raw.get(request) ?? '';
        const check = await hook.verify(request, text);
        if (!check.ok) throw new AppError('unauthenticated', `${hook.what}'s signature was rejected (${check.why}).`);
        try {
          request.body = JSON.parse(text);
        } catch {
          throw new AppError('body_malformed');
        }
      },
    }, (request, reply) => handler(request.body as z.infer<Body>, request, reply));
  });
}
