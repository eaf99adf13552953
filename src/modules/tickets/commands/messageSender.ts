import type { AppContext } from '../../../context.js';
import type { DbOrTx, Tx } from '../../../platform/db/index.js';
import { newId, nowIso } from '../../../platform/db/ids.js';
import { prepared, preparedInsert } from '../../../platform/db/prepared.js';
import { recordEvent } from '../../../platform/bus/outbox.js';
import { AppError } from '../../../platform/http/errors.js';
import type { Actor, RequestOrigin } from '../../identity/actor.js';
import { audit } from '../../identity/audit.js';
import { SEALED_BODY, SEALED_KIND, storeSealedAnswer } from '../../security/sealedAnswers.js';
import { SECRET_REDACTED, screenMessage } from '../../security/screening.js';
import { acceptAttachments, insertAttachments, withStoredAttachments, type StoredAttachment, type UploadedFile } from '../attachments.js';
import type { Channel, Status } from '../categories.js';
import { ticketPolicy } from '../policies.js';
import { loadTicketForActor } from '../queries.js';
import { indexMessage } from '../search.js';
import { assertTransition, statusAfterAgentReply, statusAfterCustomerReply, statusTimestamps } from '../statusMachine.js';
import { actorRef, addTicketEvent, recordMessageCreated, type AttachmentRow, type MessageRow, type TicketRow } from '../ticketEvents.js';

export interface MessageInput {
  body: string;
  /** Agents only; customers and guests always write public messages. */
  visibility?: 'public' | 'internal';
  /** Supervisors: send a reply the agent guard holds back (audited). */
  overrideGuard?: boolean | undefined;
}

interface Args {
  ctx: AppContext;
  actor: Actor;
  ticketId: string;
  input: MessageInput;
  files?: UploadedFile[];
  origin: RequestOrigin;
  /** Chat: the sending client's id ((ticket, clientId) is unique) and the channel it came through. */
  clientId?: string;
  channel?: Channel;
}

export interface SentMessage {
  ticket: TicketRow;
  message: MessageRow;
  attachments: AttachmentRow[];
}

/** 409 ticket_merged naming the surviving ticket, so the client can send the reply there. */
export async function mergedError(db: DbOrTx, ticket: TicketRow): Promise<AppError> {
  const survivor = await db.selectFrom('tickets').select('number').where('id', '=', ticket.merged_into_id!).executeTakeFirst();
  return new AppError('ticket_merged', `Ticket ${ticket.number} was merged into ${survivor?.number ?? 'another ticket'}; reply there.`);
}

function nextStatus(actor: Actor, ticket: TicketRow, visibility: 'public' | 'internal'): Status {
  if (visibility === 'internal') return ticket.status;
  if (actor.kind !== 'agent') return statusAfterCustomerReply(ticket.status);
  if (ticket.status === 'closed') throw new AppError('transition_not_allowed', 'This ticket is closed; open a follow-up ticket instead.', 'status');
  return statusAfterAgentReply(ticket.status);
}

/**
 * Adds a public reply or internal note. A customer's reply on a pending or solved ticket
 * reopens it; an agent's first public reply takes a new ticket into work.
 */
export async function messageSender({ ctx, actor, ticketId, input, files = [], origin, clientId, channel }: Args): Promise<SentMessage> {
  const accepted = await acceptAttachments(files, ctx.config);
  try {
    return await withStoredAttachments(ctx, accepted, (stored) =>
      ctx.transaction(async (trx) => {
        // Lock the ticket row first so a concurrent merge cannot slip in between check and insert.
        const ticket = await loadTicketForActor(trx, actor, ticketId, { forUpdate: true });
        return messageWriter(trx, { actor, ticket, input, stored, origin, clientId, channel });
      }),
    );
  } catch (err) {
    // A held-back reply is not stored, but the attempt belongs on the timeline (its own write: the
    // message's transaction rolled back), where supervisors and the security team see it.
    if (err instanceof AppError && err.code === 'agent_guard_blocked') {
      const ticket = await loadTicketForActor(ctx.db, actor, ticketId);
      await addTicketEvent(ctx.db, ticket.id, actorRef(actor), 'agent_guard_blocked', {});
    }
    throw err;
  }
}

export interface WriteArgs {
  actor: Actor;
  /** The ticket as read (and on PostgreSQL locked) in this transaction, already visible to `actor`. */
  ticket: TicketRow;
  input: MessageInput;
  stored: StoredAttachment[];
  origin: RequestOrigin;
  clientId?: string;
  channel?: Channel;
  /**
   * The author's display name, when the caller read it with the ticket: the `message.created`
   * event then carries the whole message, so its readers need not load it back.
   */
  authorName?: string | null;
  /** Extra `message.created` fields from the caller's channel (chat: the chat's state). */
  event?: Record<string, unknown>;
  /**
   * The customer's body sealed by the caller (security/sealedAnswers.ts): the bot asked for a
   * one-time code, so the message is stored redacted and the code kept sealed for the bot alone.
   */
  sealedAnswer?: string;
}

// Every chat message runs these two: compiled once rather than built per call.
const insertMessage = preparedInsert('messages', ['id', 'ticket_id', 'author_type', 'author_id', 'visibility', 'body', 'channel', 'client_id', 'meta', 'created_at']);

/** Every message after a ticket's first is stored through here: the row and its search terms. */
export async function storeMessage(trx: Tx, message: MessageRow): Promise<void> {
  await insertMessage.execute(trx, message);
  await indexMessage(trx, message);
}

const touchTicket = prepared((db, a: { id: string; now: string }) => db.updateTable('tickets').set({ updated_at: a.now }).where('id', '=', a.id));

/**
 * messageSender's transaction body for callers that read the ticket themselves (the chat reads it
 * with its chat row in one statement): rules, message, attachments, ticket status, timeline, events.
 */
export async function messageWriter(trx: Tx, { actor, ticket, input, stored, origin, clientId, channel, authorName, event, sealedAnswer }: WriteArgs): Promise<SentMessage> {
  const visibility = actor.kind === 'agent' ? (input.visibility ?? 'public') : 'public';
  if (ticket.merged_into_id) throw await mergedError(trx, ticket);
  const rule = visibility === 'internal' ? ticketPolicy.addNote : ticketPolicy.reply;
  const status = nextStatus(actor, ticket, visibility);
  if (!rule(actor, ticket)) throw new AppError('forbidden', 'You cannot write on this ticket.');
  if (status !== ticket.status && actor.kind === 'agent') assertTransition(ticket.status, status);

  const sealing = sealedAnswer !== undefined && actor.kind !== 'agent';
  // The code the bot asked for is no leak to warn about: redacted, but no secret_redacted event.
  const screened = sealing
    ? { body: SEALED_BODY, redacted: [SEALED_KIND], guardOverridden: false }
    : screenMessage(actor, { body: input.body, visibility, overrideGuard: input.overrideGuard });

  const now = nowIso();
  const by = actorRef(actor);
  const message: MessageRow = {
    id: newId(),
    ticket_id: ticket.id,
    author_type: actor.kind === 'agent' ? 'agent' : 'customer',
    author_id: actor.kind === 'agent' ? actor.agentId : actor.customerId,
    visibility,
    body: screened.body,
    channel: channel ?? (actor.kind === 'agent' ? 'api' : 'web'),
    client_id: clientId ?? null,
    meta: screened.redacted.length ? JSON.stringify({ redacted: screened.redacted }) : null,
    created_at: now,
  };
  await storeMessage(trx, message);
  if (sealing) await storeSealedAnswer(trx, { messageId: message.id, ticketId: ticket.id, sealed: sealedAnswer });
  else if (screened.redacted.length) {
    // The security module tells the customer why and alerts the security team (a durable job).
    await recordEvent(trx, SECRET_REDACTED, { ticketId: ticket.id, number: ticket.number, messageId: message.id, kinds: screened.redacted, authorType: message.author_type });
    // On the timeline too, so agents see why the message shows [redacted:…].
    await addTicketEvent(trx, ticket.id, by, 'secret_redacted', { messageId: message.id, kinds: screened.redacted });
  }
  if (screened.guardOverridden) {
    await audit(trx, { actor, action: 'agent_guard.overridden', targetType: 'ticket', targetId: ticket.id, origin, details: { messageId: message.id } });
    await addTicketEvent(trx, ticket.id, by, 'agent_guard_overridden', { messageId: message.id });
  }
  await insertAttachments(trx, ticket.id, message.id, stored);

  const changes = status !== ticket.status ? { status, ...statusTimestamps(status, now) } : {};
  if (status === ticket.status) await touchTicket.execute(trx, { id: ticket.id, now });
  else await trx.updateTable('tickets').set({ updated_at: now, ...changes }).where('id', '=', ticket.id).execute();
  await addTicketEvent(trx, ticket.id, by, visibility === 'internal' ? 'note_added' : 'reply_added', {
    messageId: message.id,
    attachments: stored.length,
    ...(origin.ip ? { ip: origin.ip } : {}),
  });
  const attachments: AttachmentRow[] = stored.map((s) => ({
    id: s.id, ticket_id: ticket.id, message_id: message.id, storage_key: s.storageKey, filename: s.filename,
    content_type: s.contentType, size: s.size, sha256: s.sha256, created_at: now,
  }));
  await recordMessageCreated(trx, ticket, message, authorName === undefined ? undefined : { attachments, authorName }, event);
  if (status !== ticket.status) {
    await addTicketEvent(trx, ticket.id, by, 'status_changed', { from: ticket.status, to: status });
    await recordEvent(trx, 'ticket.updated', {
      ticketId: ticket.id, number: ticket.number, changes: { status: { from: ticket.status, to: status } },
    });
  }
  return { ticket: { ...ticket, updated_at: now, ...changes }, message, attachments };
}
