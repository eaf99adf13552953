import { hmac, safeEqual } from '../../../platform/crypto.js';

/**
 * How a bridge and LedgerDesk trust each other (docs/connector.md), the same both ways:
 * `X-LedgerDesk-Signature: v1=<base64url HMAC-SHA256 of "<timestamp>.<raw body>">` with the Unix
 * timestamp in `X-LedgerDesk-Timestamp`. A timestamp more than five minutes off is refused, so a
 * captured request cannot be replayed later; within the window, events are deduplicated by id.
 */
export const SIGNATURE_HEADER = 'x-ledgerdesk-signature';
export const TIMESTAMP_HEADER = 'x-ledgerdesk-timestamp';
export const MAX_CLOCK_SKEW_SECONDS = 300;

export const connectorSignature = (secret: string, timestamp: string, body: string): string => `v1=${hmac(Buffer.from(secret, 'utf8'), `${timestamp}.${body}`)}`;

export function signedHeaders(secret: string, body: string, nowMs = Date.now()): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  return { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: connectorSignature(secret, timestamp, body) };
}

export type SignatureCheck = { ok: true } | { ok: false; why: 'missing' | 'stale' | 'bad_signature' };

const header = (headers: Record<string, string | string[] | undefined>, name: string): string | undefined => {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
};

export function verifyConnectorSignature(headers: Record<string, string | string[] | undefined>, body: string, secret: string, nowMs = Date.now()): SignatureCheck {
  const timestamp = header(headers, TIMESTAMP_HEADER);
  const signature = header(headers, SIGNATURE_HEADER);
  if (!timestamp || !signature) return { ok: false, why: 'missing' };
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) return { ok: false, why: 'stale' };
  return safeEqual(signature, connectorSignature(secret, timestamp, body)) ? { ok: true } : { ok: false, why: 'bad_signature' };
}
