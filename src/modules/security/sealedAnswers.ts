import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { DbOrTx, Tx } from '../../platform/db/index.js';
import { nowIso } from '../../platform/db/ids.js';
import type { SecretKind } from './secrets/finding.js';

/**
 * An answer the bot itself asked for that is a secret by nature — the one-time code the exchange
 * just sent to the customer's bound email or phone. The screening would redact it anyway (a code
 * in context), but the bot still has to check it once: so the message is stored as
 * `[redacted:one_time_code]` like any other secret, and the code waits beside it sealed
 * (AES-256-GCM under a key derived from the installation key, never in clear, never in an event,
 * a socket frame or the timeline) until the bot takes it — and deletes it — to check it.
 */
export const SEALED_KIND: SecretKind = 'one_time_code';
export const SEALED_BODY = `[redacted:${SEALED_KIND}]`;

const keyOf = (secret: Buffer) => createHmac('sha256', secret).update('sealed-answers').digest();

export function sealAnswer(secret: Buffer, text: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret), iv);
  const data = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url')).join('.');
}

/** null when the value was not sealed by this installation (or was tampered with). */
export function openSealedAnswer(secret: Buffer, sealed: string): string | null {
  const [iv, tag, data] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !data) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(secret), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

export async function storeSealedAnswer(trx: Tx, row: { messageId: string; ticketId: string; sealed: string }): Promise<void> {
  await trx.insertInto('sealed_answers').values({ message_id: row.messageId, ticket_id: row.ticketId, sealed: row.sealed, created_at: nowIso() }).execute();
}

/** The sealed answer of a message, opened; null when there is none (or it was already used). */
export async function readSealedAnswer(db: DbOrTx, secret: Buffer, messageId: string): Promise<string | null> {
  const row = await db.selectFrom('sealed_answers').select('sealed').where('message_id', '=', messageId).executeTakeFirst();
  return row ? openSealedAnswer(secret, row.sealed) : null;
}

/** Once checked, the code is of no further use to anyone: it goes. */
export async function discardSealedAnswer(db: DbOrTx, messageId: string): Promise<void> {
  await db.deleteFrom('sealed_answers').where('message_id', '=', messageId).execute();
}
