import type { DbOrTx } from '../../../../platform/db/index.js';
import type { TicketRow } from '../../../tickets/ticketEvents.js';
import type { NormalisedEmail } from './normalise.js';

/** participant: joins; new: refers to no ticket; not_participant / unauthenticated: refers to one it may not join. */
export type SenderCheck = 'participant' | 'new' | 'not_participant' | 'unauthenticated';

export interface Thread {
  /** The ticket the message joins (null: it opens a new one). */
  ticket: TicketRow | null;
  check: SenderCheck;
  /** Sender is the ticket's customer (their CCs become participants) or a copied participant. */
  role: 'customer' | 'cc' | null;
  /** Numbers of the tickets the message referred to but could not join (shown to agents). */
  referred: string[];
  /** The closed ticket a participant wrote to again: the new ticket follows up on it. */
  followUpOf: string | null;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Ticket ids the message points at: by its thread headers first, then by a number in its subject. */
async function candidates(db: DbOrTx, email: NormalisedEmail, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  if (email.threadIds.length) {
    const rows = await db
      .selectFrom('email_messages')
      .select(['message_id_header', 'ticket_id'])
      .where('message_id_header', 'in', email.threadIds.slice(0, 50))
      .where('ticket_id', 'is not', null)
      .execute();
    for (const id of email.threadIds) {
      const hit = rows.find((r) => r.message_id_header === id);
      if (hit?.ticket_id) ids.push(hit.ticket_id);
    }
  }
  const numbers = [...email.subject.matchAll(new RegExp(`\\b${escapeRe(prefix)}-\\d{4,12}\\b`, 'g'))].map((m) => m[0]);
  if (numbers.length) {
    const rows = await db.selectFrom('tickets').select(['id', 'number']).where('number', 'in', numbers.slice(0, 5)).execute();
    for (const n of numbers) {
      const hit = rows.find((r) => r.number === n);
      if (hit) ids.push(hit.id);
    }
  }
  return [...new Set(ids)];
}

/** Follows merges to the surviving ticket. */
async function survivor(db: DbOrTx, id: string): Promise<TicketRow | undefined> {
  let ticket = await db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
  for (let hops = 0; ticket?.merged_into_id && hops < 5; hops++) {
    ticket = await db.selectFrom('tickets').selectAll().where('id', '=', ticket.merged_into_id).executeTakeFirst();
  }
  return ticket;
}

/**
 * Finds the ticket an inbound email belongs to. Headers and subject only say which ticket the
 * message *claims*; it joins only when its sender is that ticket's customer or a copied
 * participant (and, with EMAIL_AUTHSERV_ID, our mail server vouched for the sender's domain).
 * Anything else opens a new ticket, so a forged From, a Reply-To, a CC or a stolen In-Reply-To
 * never puts words into another customer's ticket.
 */
export async function findThread(db: DbOrTx, email: NormalisedEmail, prefix: string): Promise<Thread> {
  const referred: string[] = [];
  let followUpOf: string | null = null;
  for (const id of await candidates(db, email, prefix)) {
    const ticket = await survivor(db, id);
    if (!ticket || referred.includes(ticket.number)) continue;
    const customer = await db.selectFrom('customers').select('email').where('id', '=', ticket.customer_id).executeTakeFirst();
    const isCustomer = customer?.email?.toLowerCase() === email.from.address;
    const isCopied =
      !isCustomer &&
      !!(await db.selectFrom('email_participants').select('address').where('ticket_id', '=', ticket.id).where('address', '=', email.from.address).executeTakeFirst());
    if ((isCustomer || isCopied) && email.authenticated !== false && !email.ambiguousSender) {
      if (ticket.status === 'closed') {
        followUpOf = ticket.number;
        continue;
      }
      return { ticket, check: 'participant', role: isCustomer ? 'customer' : 'cc', referred: [], followUpOf: null };
    }
    referred.push(ticket.number);
  }
  if (referred.length === 0) return { ticket: null, check: 'new', role: null, referred, followUpOf };
  return { ticket: null, check: email.authenticated === false ? 'unauthenticated' : 'not_participant', role: null, referred, followUpOf };
}
