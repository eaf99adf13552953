import type { Tx } from '../../../platform/db/index.js';
import { newId, nowIso } from '../../../platform/db/ids.js';
import { recordEvent } from '../../../platform/bus/outbox.js';
import type { MessageRow, TicketRow } from '../ticketEvents.js';

export interface BotMessage {
  body: string;
  /** Structured parts the widget renders: `{ article }` card, `{ choices }` buttons, `{ handover: true }`. */
  meta: Record<string, unknown> | null;
  /** 'internal' = a note for agents only (the bot's hand-over summary). */
  visibility?: 'public' | 'internal';
}

/**
 * Writes one message of the chat bot on the caller's transaction, with the same
 * `message.created` event messageSender records, so sockets, the console and analytics see
 * bot replies like any other message. A bot reply never changes the ticket's status: the
 * ticket is still waiting for a person.
 */
export async function botMessageWriter(trx: Tx, ticket: Pick<TicketRow, 'id' | 'number' | 'customer_id' | 'channel'>, input: BotMessage): Promise<MessageRow> {
  const message: MessageRow = {
    id: newId(),
    ticket_id: ticket.id,
    author_type: 'bot',
    author_id: null,
    visibility: input.visibility ?? 'public',
    body: input.body,
    channel: ticket.channel,
    client_id: null,
    meta: input.meta ? JSON.stringify(input.meta) : null,
    created_at: nowIso(),
  };
  await trx.insertInto('messages').values(message).execute();
  await recordEvent(trx, 'message.created', {
    ticketId: ticket.id, number: ticket.number, messageId: message.id, visibility: message.visibility,
    authorType: 'bot', authorId: null, customerId: ticket.customer_id,
  });
  return message;
}
