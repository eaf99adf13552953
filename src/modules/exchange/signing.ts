import { checkSignature, headerValue, signatureHeadersFor, type SignatureCheck as SignedRequestCheck } from '../../platform/http/signedRequests.js';

/**
 * Request signing between LedgerDesk and the exchange, the same in both directions
 * (docs/exchange-adapter.md): LedgerDesk's one request-signing scheme (platform/http/signedRequests.ts)
 * over the method, the path with its query and the raw body, plus `X-LD-Key-Id` naming the key,
 * so the exchange can rotate keys without a gap.
 */
export const KEY_ID_HEADER = 'x-ld-key-id';

const signedParts = (method: string, path: string, body: string) => [method.toUpperCase(), path, body];

export function signedHeaders(keyId: string, secret: string, method: string, path: string, body: string, nowMs = Date.now()): Record<string, string> {
  return { [KEY_ID_HEADER]: keyId, ...signatureHeadersFor(secret, signedParts(method, path, body), nowMs) };
}

export type SignatureCheck = SignedRequestCheck | { ok: false; why: 'unknown_key' };

/** Checks a signed request; `secretFor` returns the secret of a key id, or null for a key we do not know. */
export function verifySignature(
  request: { headers: Record<string, string | string[] | undefined>; method: string; path: string; body: string },
  secretFor: (keyId: string) => string | null,
  nowMs = Date.now(),
): SignatureCheck {
  const keyId = headerValue(request.headers, KEY_ID_HEADER);
  if (!keyId) return { ok: false, why: 'missing' };
  const secret = secretFor(keyId);
  if (!secret) return { ok: false, why: 'unknown_key' };
  return checkSignature(request.headers, secret, signedParts(request.method, request.path, request.body), nowMs);
}
