import type { AppContext } from '../../../../context.js';
import type { Tx } from '../../../../platform/db/index.js';
import type { ChatsTable } from '../../../../platform/db/schema.js';
import { newId, nowIso } from '../../../../platform/db/ids.js';
import type { RequestOrigin } from '../../../identity/actor.js';
import { indexCustomer } from '../../../identity/customerSearch.js';
import { findOrCreateGuestCustomer } from '../../../identity/customers.js';
import type { Category } from '../../../tickets/categories.js';
import { ticketCreator } from '../../../tickets/commands/ticketCreator.js';
import type { CustomerSide } from '../principal.js';
import { chatStartedBy } from '../queries.js';

export interface ChatStart {
  topic: Category;
  locale: string;
  email?: string;
  name?: string;
  body: string;
  clientId: string;
}

/** A subject for the ticket list: the first line of what the customer wrote (every live channel's). */
export const chatSubject = (body: string): string => {
  const line = body.split(/\r?\n/, 1)[0]!.trim();
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
};

/** A conversation's `chats` row, written in its ticket's transaction (web chat, Telegram, outreach). */
export async function insertChat(trx: Tx, ticketId: string, opts: { state: ChatsTable['state']; visitorId?: string | null; topic?: string | null }): Promise<void> {
  const now = nowIso();
  await trx.insertInto('chats').values({
    ticket_id: ticketId, visitor_id: opts.visitorId ?? null, state: opts.state, topic: opts.topic ?? null, team_id: null,
    queued_at: null, assigned_at: null, ended_at: null, bot_state: '{}', customer_read_id: null, agent_read_id: null,
    created_at: now, updated_at: now,
  }).execute();
}

/**
 * Opens a chat: a ticket on the chat channel (number, first message, `ticket.created`) plus its
 * `chats` row in state 'bot', in one transaction. The same visitor resending the same first
 * message (a reconnect before the ack arrived) gets the chat it already has.
 */
export async function chatStarter({ ctx, side, input, origin }: { ctx: AppContext; side: CustomerSide; input: ChatStart; origin: RequestOrigin }): Promise<{ chatId: string; created: boolean }> {
  if (side.visitorId) {
    const existing = await chatStartedBy(ctx.db, side.visitorId, input.clientId);
    if (existing) return { chatId: existing, created: false };
  }
  // A guest writes as an unverified customer of its own; a typed email is only a reply
  // address and never reaches a verified customer's record.
  const customerId = side.customerId ?? (await ctx.transaction(async (trx) => {
    if (input.email) return (await findOrCreateGuestCustomer(trx, { email: input.email, name: input.name ?? null, locale: input.locale })).id;
    const now = nowIso();
    const id = newId();
    const name = input.name?.trim() || null;
    await trx.insertInto('customers').values({
      id, external_id: null, email: null, phone: null, name, locale: input.locale, verified: 0, created_at: now, updated_at: now,
    }).execute();
    if (name) await indexCustomer(trx, { id, name, email: null, external_id: null });
    return id;
  }));
  const actor = side.verified
    ? { kind: 'customer' as const, customerId, verified: true, sessionId: 'chat' }
    : { kind: 'guest' as const, customerId, ticketId: '' };

  const created = await ticketCreator({
    ctx, actor, origin, clientId: input.clientId, fieldsLater: true,
    input: { subject: chatSubject(input.body), body: input.body, category: input.topic, locale: input.locale, channel: 'chat' },
    within: (trx, { ticket }) => insertChat(trx, ticket.id, { state: 'bot', visitorId: side.visitorId, topic: input.topic }),
  });
  return { chatId: created.ticket.id, created: true };
}
