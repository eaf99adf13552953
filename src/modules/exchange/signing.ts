import { createHmac } from 'node:crypto';
import { safeEqual } from '../../platform/crypto.js';

/**
 * Request signing between LedgerDesk and the exchange, the same in both directions
 * (docs/exchange-adapter.md): HMAC-SHA256, hex, over
 * `timestamp + "\n" + METHOD + "\n" + path-with-query + "\n" + raw body`, with the key id and
 * the Unix timestamp in headers. A timestamp more than five minutes off is refused, so a captured
 * request cannot be replayed later; within the window, risk events are deduplicated by their id.
 */
export const signatureHeaders = { keyId: 'x-ld-key-id', timestamp: 'x-ld-timestamp', signature: 'x-ld-signature' } as const;
export const MAX_CLOCK_SKEW_SECONDS = 300;

export function signatureOf(secret: string, timestamp: string, method: string, path: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${method.toUpperCase()}\n${path}\n${body}`).digest('hex');
}

export function signedHeaders(keyId: string, secret: string, method: string, path: string, body: string, nowMs = Date.now()): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  return {
    [signatureHeaders.keyId]: keyId,
    [signatureHeaders.timestamp]: timestamp,
    [signatureHeaders.signature]: `v1=${signatureOf(secret, timestamp, method, path, body)}`,
  };
}

export type SignatureCheck = { ok: true } | { ok: false; why: 'missing' | 'unknown_key' | 'stale' | 'bad_signature' };

const header = (headers: Record<string, string | string[] | undefined>, name: string): string | undefined => {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** Checks a signed request; `secretFor` returns the secret of a key id, or null for a key we do not know. */
export function verifySignature(
  request: { headers: Record<string, string | string[] | undefined>; method: string; path: string; body: string },
  secretFor: (keyId: string) => string | null,
  nowMs = Date.now(),
): SignatureCheck {
  const keyId = header(request.headers, signatureHeaders.keyId);
  const timestamp = header(request.headers, signatureHeaders.timestamp);
  const signature = header(request.headers, signatureHeaders.signature);
  if (!keyId || !timestamp || !signature) return { ok: false, why: 'missing' };
  const secret = secretFor(keyId);
  if (!secret) return { ok: false, why: 'unknown_key' };
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) return { ok: false, why: 'stale' };
  const expected = `v1=${signatureOf(secret, timestamp, request.method, request.path, request.body)}`;
  return safeEqual(signature, expected) ? { ok: true } : { ok: false, why: 'bad_signature' };
}
