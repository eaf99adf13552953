import { hmac, safeEqual } from '../../../platform/crypto.js';
import { newId } from '../../../platform/db/ids.js';

const PURPOSE = 'email-message-id';

const signature = (secret: Buffer, id: string): string => hmac(secret, `${PURPOSE}:${id}`).replace(/[^a-z0-9]/gi, '').slice(0, 16).toLowerCase();

/**
 * A Message-ID for mail we send (without angle brackets): unguessable and signed with the
 * installation's key, so a message quoting one is recognised as ours — a loop — even after its
 * row was pruned, and a stranger cannot mint one.
 */
export function newMessageId(secret: Buffer, domain: string): string {
  const id = newId();
  return `ld.${id}.${signature(secret, id)}@${domain}`;
}

export function isOurMessageId(secret: Buffer, messageId: string): boolean {
  const m = /^ld\.([0-9a-f-]{36})\.([a-z0-9]{16})@/i.exec(messageId);
  return !!m && safeEqual(m[2]!.toLowerCase(), signature(secret, m[1]!));
}

/** `<a@b>` → `a@b`; tolerant of spaces and a missing bracket, as mailers write them. */
export const bareMessageId = (value: string): string => value.trim().replace(/^<|>$/g, '').trim();

/** Every Message-ID in a References / In-Reply-To header value, in order. */
export function messageIdsIn(value: string | string[] | undefined): string[] {
  const text = Array.isArray(value) ? value.join(' ') : (value ?? '');
  return [...text.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!);
}
