import { createHmac } from 'node:crypto';
import { safeEqual } from '../../../platform/crypto.js';

/**
 * How the telephony system signs a call event (docs/phone.md): HMAC-SHA256, hex, over
 * `timestamp + "\n" + raw body`, with the Unix timestamp in `X-LD-Timestamp` and `v1=<hex>` in
 * `X-LD-Signature`. A timestamp more than five minutes off is refused, so a captured request
 * cannot be replayed later; within the window, events are deduplicated by (call id, event).
 */
export const phoneSignatureHeaders = { timestamp: 'x-ld-timestamp', signature: 'x-ld-signature' } as const;
export const MAX_CLOCK_SKEW_SECONDS = 300;

export const phoneSignatureOf = (secret: string, timestamp: string, body: string): string =>
  `v1=${createHmac('sha256', secret).update(`${timestamp}\n${body}`).digest('hex')}`;

/** Headers a CTI system (or a test posing as one) sends with `body`. */
export function signPhoneEvent(secret: string, body: string, nowMs = Date.now()): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  return { [phoneSignatureHeaders.timestamp]: timestamp, [phoneSignatureHeaders.signature]: phoneSignatureOf(secret, timestamp, body) };
}

export type PhoneSignatureCheck = { ok: true } | { ok: false; why: 'missing' | 'stale' | 'bad_signature' };

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

export function verifyPhoneEvent(headers: Record<string, string | string[] | undefined>, body: string, secret: string, nowMs = Date.now()): PhoneSignatureCheck {
  const timestamp = one(headers[phoneSignatureHeaders.timestamp]);
  const signature = one(headers[phoneSignatureHeaders.signature]);
  if (!timestamp || !signature) return { ok: false, why: 'missing' };
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) return { ok: false, why: 'stale' };
  return safeEqual(signature, phoneSignatureOf(secret, timestamp, body)) ? { ok: true } : { ok: false, why: 'bad_signature' };
}
