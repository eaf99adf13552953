import type { Selectable } from 'kysely';
import type { EmailMessagesTable } from '../../../platform/db/schema.js';

type EmailRow = Selectable<EmailMessagesTable> & { ticket_number?: string | null };

/**
 * An email as admins and agents see it: headers, state and reason. With `content` (a ticket's
 * emails, for agents who can read it) also the full text with quoted history and the sanitised
 * HTML; the admins' list stays without bodies.
 */
export function presentEmail(row: EmailRow, options: { content?: boolean } = {}) {
  const recipients = JSON.parse(row.recipients) as { to?: string[]; cc?: string[] };
  return {
    id: row.id,
    direction: row.direction,
    kind: row.kind,
    state: row.state,
    messageIdHeader: row.message_id_header,
    ticketId: row.ticket_id,
    ticketNumber: row.ticket_number ?? null,
    messageId: row.message_id,
    source: row.source,
    from: row.from_address,
    to: recipients.to ?? [],
    cc: recipients.cc ?? [],
    subject: row.subject,
    inReplyTo: row.in_reply_to,
    senderCheck: row.sender_check,
    size: row.size,
    error: row.error,
    attempts: row.attempts,
    hasRaw: row.raw_key !== null,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    ...(options.content ? { fullText: row.full_text, html: row.html } : {}),
  };
}
