import type { Tx } from '../../../platform/db/index.js';
import { newId, nowIso } from '../../../platform/db/ids.js';
import { recordMessageCreated, type MessageRow, type TicketRow } from '../ticketEvents.js';
import { storeMessage } from './messageSender.js';

export interface AutomatedMessage {
  body: string;
  /** Structured parts the widget renders: `{ article }` card, `{ choices }` buttons, `{ handover: true }`. */
  meta: Record<string, unknown> | null;
  /** 'internal' = a note for agents only (e.g. the bot's hand-over summary). */
  visibility?: 'public' | 'internal';
}

/**
 * Writes one message that no person typed — the chat bot's, or the desk's own (`system`, e.g.
 * routing's "leave a message" notice) — on the caller's transaction, with the same
 * `message.created` event messageSender records, so sockets, the console and analytics see it
 * like any other message. It never changes the ticket's status: the ticket still waits for a person.
 */
export async function automatedMessageWriter(
  trx: Tx,
  ticket: Pick<TicketRow, 'id' | 'number' | 'customer_id' | 'channel'>,
  author: 'bot' | 'system',
  input: AutomatedMessage,
): Promise<MessageRow> {
  const message: MessageRow = {
    id: newId(),
    ticket_id: ticket.id,
    author_type: author,
    author_id: null,
    visibility: input.visibility ?? 'public',
    body: input.body,
    channel: ticket.channel,
    client_id: null,
    meta: input.meta ? JSON.stringify(input.meta) : null,
    created_at: nowIso(),
  };
  await storeMessage(trx, message);
  // No person wrote it, so no name to look up: the event carries the whole message.
  await recordMessageCreated(trx, ticket, message, { attachments: [], authorName: null });
  return message;
}
