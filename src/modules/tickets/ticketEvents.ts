import type { Selectable } from 'kysely';
import type { Actor } from '../identity/actor.js';
import type { DbOrTx } from '../../platform/db/index.js';
import { newId, nowIso } from '../../platform/db/ids.js';
import { recordEvent } from '../../platform/bus/outbox.js';
import { preparedInsert } from '../../platform/db/prepared.js';
import type { AttachmentsTable, MessagesTable, TicketsTable } from '../../platform/db/schema.js';

export type TicketRow = Selectable<TicketsTable>;
export type MessageRow = Selectable<MessagesTable>;
export type AttachmentRow = Selectable<AttachmentsTable>;

/** Who a timeline row or message is attributed to. */
export interface ActorRef {
  type: 'agent' | 'customer' | 'guest' | 'system';
  id: string | null;
}

export function actorRef(actor: Actor | null, customerId?: string): ActorRef {
  if (!actor) return { type: 'guest', id: customerId ?? null };
  if (actor.kind === 'agent') return { type: 'agent', id: actor.agentId };
  if (actor.kind === 'customer') return { type: 'customer', id: actor.customerId };
  return { type: 'guest', id: actor.customerId };
}

export const systemRef: ActorRef = { type: 'system', id: null };

/** One row of the ticket's timeline; every change a command makes writes one. */
const insertTicketEvent = preparedInsert('ticket_events', ['id', 'ticket_id', 'actor_type', 'actor_id', 'type', 'data', 'created_at']);

export async function addTicketEvent(trx: DbOrTx, ticketId: string, by: ActorRef, type: string, data: Record<string, unknown> = {}): Promise<void> {
  await insertTicketEvent.execute(trx, { id: newId(), ticket_id: ticketId, actor_type: by.type, actor_id: by.id, type, data: JSON.stringify(data), created_at: nowIso() });
}

/** An attachment as a `message.created` event carries it (no storage key or hash). */
export type CarriedAttachment = Pick<AttachmentRow, 'id' | 'filename' | 'content_type' | 'size'>;

/**
 * The stored message inside a `message.created` event (`payload.view`), present when the writer
 * knew the author's display name: readers such as the chat's sockets then present it without
 * reading it back.
 */
export interface CarriedMessage {
  message: MessageRow;
  attachments: CarriedAttachment[];
  /** Agent's name for agent messages, customer's name for customer messages, null for bot/system. */
  authorName: string | null;
}

/**
 * Records `message.created` for a message just written on `trx`. With `view`, the event carries
 * the message itself; `extra` adds fields of the caller's channel (chat: the chat's state).
 */
export async function recordMessageCreated(
  trx: DbOrTx,
  ticket: Pick<TicketRow, 'id' | 'number' | 'customer_id' | 'channel'>,
  message: MessageRow,
  view?: { attachments: CarriedAttachment[]; authorName: string | null },
  extra: Record<string, unknown> = {},
): Promise<void> {
  const carried: CarriedMessage | undefined = view && {
    message,
    attachments: view.attachments.map((a) => ({ id: a.id, filename: a.filename, content_type: a.content_type, size: a.size })),
    authorName: view.authorName,
  };
  await recordEvent(trx, 'message.created', {
    ticketId: ticket.id, number: ticket.number, ticketChannel: ticket.channel, messageId: message.id, visibility: message.visibility,
    authorType: message.author_type, authorId: message.author_id, customerId: ticket.customer_id,
    ...extra,
    ...(carried ? { view: carried } : {}),
  });
}
