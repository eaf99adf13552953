import type { Selectable } from 'kysely';
import type { Actor } from '../identity/actor.js';
import type { DbOrTx } from '../../platform/db/index.js';
import { newId, nowIso } from '../../platform/db/ids.js';
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
export async function addTicketEvent(trx: DbOrTx, ticketId: string, by: ActorRef, type: string, data: Record<string, unknown> = {}): Promise<void> {
  await trx
    .insertInto('ticket_events')
    .values({ id: newId(), ticket_id: ticketId, actor_type: by.type, actor_id: by.id, type, data: JSON.stringify(data), created_at: nowIso() })
    .execute();
}
