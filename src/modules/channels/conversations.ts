import type { AppContext } from '../../context.js';
import type { DbOrTx, Tx } from '../../platform/db/index.js';
import type { ChannelIdentitiesTable } from '../../platform/db/schema.js';
import { dialectOf } from '../../platform/db/dialect.js';
import { newId, nowIso } from '../../platform/db/ids.js';
import { toCustomerLocale } from '../identity/customers.js';
import type { Actor } from '../identity/actor.js';
import { withStoredAttachments, type AcceptedAttachment, type UploadedFile } from '../tickets/attachments.js';
import { messageWriter } from '../tickets/commands/messageSender.js';
import { ticketCreator } from '../tickets/commands/ticketCreator.js';
import { loadTicketForActor } from '../tickets/queries.js';
import { chatSubject, insertChat } from './chat/commands/chatStarter.js';
import { handoverRequester } from './chat/commands/chatStateChanger.js';
import { loadChat } from './chat/queries.js';
import type { InboundResult } from './adapters.js';

/**
 * Conversations on messaging apps (Telegram, the generic connector): a user of the app is a
 * `channel_identities` row behind an unverified customer, and what they write joins their open
 * conversation on that channel or opens one — a ticket with a `chats` row, so the same bot
 * answers first and routing hands it to a person exactly as for the web chat.
 */
export interface ChannelIdentity {
  channel: ChannelIdentitiesTable['channel'];
  externalId: string;
}

export interface IdentityCustomer {
  customerId: string;
  locale: string;
}

type ConversationChannel = 'telegram' | 'connector';

const identityRow = (db: DbOrTx, id: ChannelIdentity) =>
  db.selectFrom('channel_identities').innerJoin('customers', 'customers.id', 'channel_identities.customer_id')
    .select(['channel_identities.customer_id as customerId', 'customers.locale', 'channel_identities.address'])
    .where('channel_identities.channel', '=', id.channel).where('channel_identities.external_id', '=', id.externalId);

/** Locks an identity row for the rest of the transaction (PostgreSQL; SQLite has one writer). */
export async function lockIdentity(trx: Tx, id: ChannelIdentity): Promise<void> {
  let q = trx.selectFrom('channel_identities').select('customer_id').where('channel', '=', id.channel).where('external_id', '=', id.externalId);
  if (dialectOf(trx) === 'postgres') q = q.forUpdate();
  await q.executeTakeFirst();
}

class LostRace extends Error {}

/**
 * The desk's customer behind an app user, created on their first message. An app account proves
 * nothing about an exchange account, so the customer is unverified and never merged into a
 * verified one; the language is the app's. `stale` says whether the stored address must be
 * replaced by `address` (a new chat id, a name change, a user who unblocked the bot).
 */
export async function identityCustomer(
  ctx: AppContext,
  id: ChannelIdentity,
  profile: { name: string; languageCode: string | null; address: object },
  stale: (stored: unknown) => boolean,
): Promise<IdentityCustomer> {
  const known = await identityRow(ctx.db, id).executeTakeFirst();
  if (known) {
    if (stale(JSON.parse(known.address))) {
      await ctx.db.updateTable('channel_identities').set({ address: JSON.stringify(profile.address), updated_at: nowIso() })
        .where('channel', '=', id.channel).where('external_id', '=', id.externalId).execute();
    }
    return { customerId: known.customerId, locale: known.locale };
  }
  const locale = toCustomerLocale(profile.languageCode);
  const created = await ctx.transaction(async (trx) => {
    const now = nowIso();
    const customerId = newId();
    await trx.insertInto('customers').values({ id: customerId, external_id: null, email: null, phone: null, name: profile.name, locale, verified: 0, created_at: now, updated_at: now }).execute();
    const claimed = await trx.insertInto('channel_identities')
      .values({ channel: id.channel, external_id: id.externalId, customer_id: customerId, address: JSON.stringify(profile.address), created_at: now, updated_at: now })
      .onConflict((oc) => oc.columns(['channel', 'external_id']).doNothing())
      .returning('customer_id').executeTakeFirst();
    // Another node created them a moment ago: this transaction's customer must not remain.
    if (!claimed) throw new LostRace();
    return { customerId, locale };
  }).catch((err: unknown) => (err instanceof LostRace ? null : Promise.reject(err)));
  if (created) return created;
  const winner = await identityRow(ctx.db, id).executeTakeFirstOrThrow();
  return { customerId: winner.customerId, locale: winner.locale };
}

/** The customer's open conversation on a channel: their newest ticket there not solved, closed or merged. */
export async function openConversation(db: DbOrTx, customerId: string, channel: ConversationChannel): Promise<{ ticketId: string } | undefined> {
  const row = await db.selectFrom('tickets').innerJoin('chats', 'chats.ticket_id', 'tickets.id')
    .select('tickets.id')
    .where('tickets.customer_id', '=', customerId).where('tickets.channel', '=', channel)
    .where('tickets.status', 'not in', ['solved', 'closed']).where('tickets.merged_into_id', 'is', null)
    .orderBy('tickets.id', 'desc').limit(1).executeTakeFirst();
  return row && { ticketId: row.id };
}

/** A second message raced this first one into a conversation of its own: write into that one instead. */
class ConversationExists extends Error {}

export interface ConversationMessage {
  identity: ChannelIdentity;
  customer: IdentityCustomer;
  channel: ConversationChannel;
  body: string;
  /** The app's id of this message: a redelivery carries the same one and writes nothing. */
  clientId: string;
  /** Shown where the web chat shows the browser (`telegram:<user id>`). */
  userAgent: string;
  /** Subject of a new conversation whose first message has no text. */
  emptySubject: string;
  files: UploadedFile[];
  accepted: AcceptedAttachment[];
}

/**
 * Stores what an app user wrote: into their open conversation, or a new one. Writers for the
 * same user are serialised on their identity row, so two messages sent at once never open two
 * conversations.
 */
export async function conversationWriter(ctx: AppContext, m: ConversationMessage): Promise<InboundResult> {
  const { customerId } = m.customer;
  const origin = { ip: null, userAgent: m.userAgent };
  for (let attempt = 0; attempt < 3; attempt++) {
    const open = await openConversation(ctx.db, customerId, m.channel);
    if (open) {
      const actor: Actor = { kind: 'guest', customerId, ticketId: open.ticketId };
      const stored = await withStoredAttachments(ctx, m.accepted, (kept) => ctx.transaction(async (trx) => {
        await lockIdentity(trx, m.identity);
        const ticket = await loadTicketForActor(trx, actor, open.ticketId, { forUpdate: true });
        const chat = await trx.selectFrom('chats').select('state').where('ticket_id', '=', ticket.id).executeTakeFirstOrThrow();
        // Duplicate deliveries of one message carry the same client id: the second writes nothing.
        const seen = await trx.selectFrom('messages').select('id').where('ticket_id', '=', ticket.id).where('client_id', '=', m.clientId).executeTakeFirst();
        if (seen) return null;
        await messageWriter(trx, { actor, ticket, input: { body: m.body }, stored: kept, origin, clientId: m.clientId, channel: m.channel, event: { chatState: chat.state } });
        return ticket;
      }));
      return stored ? { outcome: 'stored', ticketId: stored.id, created: false } : { outcome: 'duplicate', ticketId: open.ticketId, created: false };
    }
    try {
      const created = await ticketCreator({
        ctx, actor: { kind: 'guest', customerId, ticketId: '' }, origin, clientId: m.clientId, files: m.files, fieldsLater: true,
        input: { subject: chatSubject(m.body) || m.emptySubject, body: m.body, category: 'platform', locale: m.customer.locale, channel: m.channel },
        within: async (trx, { ticket }) => {
          await lockIdentity(trx, m.identity);
          const other = await openConversation(trx, customerId, m.channel);
          if (other && other.ticketId !== ticket.id) throw new ConversationExists();
          await insertChat(trx, ticket.id, { state: 'bot' });
        },
      });
      return { outcome: 'stored', ticketId: created.ticket.id, created: true };
    } catch (err) {
      if (!(err instanceof ConversationExists)) throw err;
    }
  }
  throw new Error(`${m.channel} identity ${m.identity.externalId}: kept losing the race for their conversation`);
}

/** "Talk to a person": the open conversation's bot steps aside and routing takes it; null when there is none. */
export async function conversationHandover(ctx: AppContext, customerId: string, channel: ConversationChannel): Promise<string | null> {
  const open = await openConversation(ctx.db, customerId, channel);
  if (!open) return null;
  const chat = await loadChat(ctx.db, open.ticketId);
  if (chat) await handoverRequester({ ctx, chat });
  return open.ticketId;
}
