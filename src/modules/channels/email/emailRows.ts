import type { Insertable } from 'kysely';
import type { DbOrTx } from '../../../platform/db/index.js';
import { newId, nowIso } from '../../../platform/db/ids.js';
import type { EmailMessagesTable } from '../../../platform/db/schema.js';
import { isUniqueViolation } from '../../../platform/db/errors.js';
import type { NormalisedEmail } from './inbound/normalise.js';

export type EmailRowInput = Omit<Insertable<EmailMessagesTable>, 'id' | 'created_at'>;

/** Records one email; false when its dedupe key was already there (a repeat delivery or job run). */
export async function insertEmailRow(db: DbOrTx, row: EmailRowInput): Promise<string | null> {
  const id = newId();
  const inserted = await db
    .insertInto('email_messages')
    .values({ ...row, id, created_at: nowIso() })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0 ? id : null;
}

/** The columns every inbound row shares, from the parsed message. */
export function inboundColumns(email: NormalisedEmail, source: string): Omit<EmailRowInput, 'kind' | 'state'> {
  return {
    direction: 'inbound',
    dedupe_key: email.dedupeKey,
    message_id_header: email.messageId,
    source,
    from_address: email.from.address,
    recipients: JSON.stringify({ to: email.to, cc: email.cc }),
    subject: email.subject,
    in_reply_to: email.inReplyTo,
    references: JSON.stringify(email.references),
    size: email.size,
  };
}

export { isUniqueViolation };
