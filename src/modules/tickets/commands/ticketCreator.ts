import { screenFields } from '../../security/screening.js';
import { redactSecrets } from '../../security/secrets/detector.js';
import { SECRET_REDACTED } from '../../security/screening.js';
import type { AppContext } from '../../../context.js';
import type { Tx } from '../../../platform/db/index.js';
import { newId, nowIso } from '../../../platform/db/ids.js';
import { recordEvent } from '../../../platform/bus/outbox.js';
import { AppError } from '../../../platform/http/errors.js';
import type { Actor, RequestOrigin } from '../../identity/actor.js';
import { findOrCreateGuestCustomer, toCustomerLocale, upsertVerifiedCustomer, type CustomerRow } from '../../identity/customers.js';
import { parseCategoryFields, type Category, type Channel, type Priority } from '../categories.js';
import { acceptAttachments, insertAttachments, withStoredAttachments, type StoredAttachment, type UploadedFile } from '../attachments.js';
import { checkAssignee, checkTeam, normaliseTags } from '../assignment.js';
import { allocateTicketNumber } from '../numbers.js';
import { indexNewTicket } from '../search.js';
import { actorRef, addTicketEvent, type AttachmentRow, type MessageRow, type TicketRow } from '../ticketEvents.js';
import { guestLinkFor, guestTokenFor } from '../guestLinks.js';

export interface TicketInput {
  subject: string;
  body: string;
  category: Category;
  fields?: unknown;
  locale?: string;
  /** Agents and integrations only; customers always get 'normal'. */
  priority?: Priority;
  channel?: Channel;
  customerId?: string;
  customer?: { externalId?: string; email?: string; name?: string };
  assigneeId?: string;
  teamId?: string;
  tags?: string[];
}

export interface CreatedTicket {
  ticket: TicketRow;
  message: MessageRow;
  attachments: AttachmentRow[];
  tags: string[];
  customer: CustomerRow;
  /** Set when the customer is a guest: the token of the link that lets them follow this ticket. */
  guestToken?: string;
}

interface Args {
  ctx: AppContext;
  /** null = an anonymous visitor of the web form. */
  actor: Actor | null;
  input: TicketInput;
  files?: UploadedFile[];
  origin: RequestOrigin;
  /** Chat: the structured fields come later (the bot's flow or an agent fills them), so none are required now. */
  fieldsLater?: boolean;
  /** Chat: the first message's client id (a resend after reconnect is no duplicate). */
  clientId?: string;
  /** Chat: more rows that must commit with the ticket (its `chats` row), in the same transaction. */
  within?: (trx: Tx, created: { ticket: TicketRow; message: MessageRow; customer: CustomerRow }) => Promise<void>;
}

/** Finds the customer the ticket belongs to; a guest's email never reaches a verified account. */
async function resolveCustomer(trx: Tx, actor: Actor | null, input: TicketInput, locale: string): Promise<CustomerRow> {
  if (actor?.kind === 'customer' || actor?.kind === 'guest') {
    const own = await trx.selectFrom('customers').selectAll().where('id', '=', actor.customerId).executeTakeFirst();
    if (!own) throw new AppError('unauthenticated');
    return own;
  }
  if (actor?.kind === 'agent') {
    if (input.customerId) {
      const found = await trx.selectFrom('customers').selectAll().where('id', '=', input.customerId).executeTakeFirst();
      if (!found) throw new AppError('field_invalid', 'No customer has this id.', 'customerId');
      return found;
    }
    const c = input.customer;
    if (c?.externalId) return upsertVerifiedCustomer(trx, { externalId: c.externalId, email: c.email ?? null, name: c.name ?? null, locale });
    if (c?.email) return findOrCreateGuestCustomer(trx, { email: c.email, name: c.name ?? null, locale });
    throw new AppError('field_required', 'Give customerId, customer.externalId or customer.email.', 'customer');
  }
  const email = input.customer?.email;
  if (!email) throw new AppError('field_required', 'Your email address is required so we can reply.', 'customer.email');
  return findOrCreateGuestCustomer(trx, { email, name: input.customer?.name ?? null, locale });
}

/**
 * Opens a ticket with its first message. Attachments are checked and stored before the
 * transaction (and removed if it fails); number, ticket, message, attachments, tags, timeline
 * row and the `ticket.created` event commit together or not at all.
 */
export async function ticketCreator({ ctx, actor, input, files = [], origin, clientId, within, fieldsLater }: Args): Promise<CreatedTicket> {
  const fields = fieldsLater && input.fields === undefined ? {} : parseCategoryFields(input.category, input.fields);
  const isAgent = actor?.kind === 'agent';
  const tags = isAgent && input.tags ? normaliseTags(input.tags) : [];
  const accepted = await acceptAttachments(files, ctx.config);
  const requestedLocale = input.locale ? toCustomerLocale(input.locale) : undefined;
  // The first message is the customer's words (screened as theirs), and so is the subject.
  const body = redactSecrets(input.body);
  const subject = redactSecrets(input.subject.trim());
  // Form fields and file names are screened too (parseCategoryFields and acceptAttachment redact them).
  const fieldKinds = screenFields(input.fields).kinds;
  const redacted = [...new Set([...body.kinds, ...subject.kinds, ...fieldKinds, ...accepted.flatMap((a) => a.redacted ?? [])])];

  const created = await withStoredAttachments(ctx, accepted, (stored) =>
    ctx.transaction(async (trx) => {
      const customer = await resolveCustomer(trx, actor, input, requestedLocale ?? 'en');
      if (isAgent && input.assigneeId) await checkAssignee(trx, input.assigneeId);
      if (isAgent && input.teamId) await checkTeam(trx, input.teamId);
      const number = await allocateTicketNumber(trx, ctx.config.TICKET_PREFIX);
      const now = nowIso();
      const ticket: TicketRow = {
        id: newId(),
        number,
        subject: subject.text,
        status: 'new',
        priority: isAgent ? (input.priority ?? 'normal') : 'normal',
        channel: isAgent ? (input.channel ?? 'api') : (input.channel ?? 'web'),
        category: input.category,
        fields: JSON.stringify(fields),
        locale: requestedLocale ?? customer.locale,
        customer_id: customer.id,
        assignee_id: isAgent ? (input.assigneeId ?? null) : null,
        team_id: isAgent ? (input.teamId ?? null) : null,
        merged_into_id: null,
        created_at: now,
        updated_at: now,
        solved_at: null,
        closed_at: null,
      };
      await trx.insertInto('tickets').values(ticket).execute();

      const by = actorRef(actor, customer.id);
      // The first message is the customer's words even when an agent logs a phone call.
      const message: MessageRow = {
        id: newId(),
        ticket_id: ticket.id,
        author_type: 'customer',
        author_id: customer.id,
        visibility: 'public',
        body: body.text,
        channel: ticket.channel,
        client_id: clientId ?? null,
        meta: redacted.length ? JSON.stringify({ redacted }) : null,
        created_at: now,
      };
      await trx.insertInto('messages').values(message).execute();
      await indexNewTicket(trx, ticket, message);
      await insertAttachments(trx, ticket.id, message.id, stored);
      if (tags.length) await trx.insertInto('ticket_tags').values(tags.map((tag) => ({ ticket_id: ticket.id, tag }))).execute();

      await addTicketEvent(trx, ticket.id, by, 'created', {
        channel: ticket.channel, category: ticket.category, priority: ticket.priority, status: ticket.status,
        ...(ticket.assignee_id ? { assigneeId: ticket.assignee_id } : {}), ...(ticket.team_id ? { teamId: ticket.team_id } : {}),
        ...(origin.ip ? { ip: origin.ip } : {}),
      });
      await recordEvent(trx, 'ticket.created', {
        ticketId: ticket.id, number, customerId: customer.id, messageId: message.id, channel: ticket.channel,
        category: ticket.category, priority: ticket.priority, status: ticket.status, locale: ticket.locale,
        assigneeId: ticket.assignee_id, teamId: ticket.team_id, tags,
      });
      if (redacted.length) await recordEvent(trx, SECRET_REDACTED, { ticketId: ticket.id, number, messageId: message.id, kinds: redacted, authorType: 'customer' });
      if (within) await within(trx, { ticket, message, customer });
      return { ticket, message, attachments: stored.map((s) => attachmentRow(s, ticket.id, message.id, now)), tags, customer };
    }),
  );

  const result: CreatedTicket = created;
  const { customer } = created;
  if (customer.verified) return result;
  const guestToken = guestTokenFor(ctx, result.ticket.id);
  // The email channel sends the link (its `ticket.created` job); without outgoing mail it goes to
  // the log, where an operator can forward it.
  if (!ctx.config.SMTP_URL) {
    ctx.log.info(
      { ticketNumber: result.ticket.number, recipient: customer.email, link: guestLinkFor(ctx, result.ticket.id, guestToken) },
      'no outgoing mail server: guest link not emailed',
    );
  }
  return { ...result, guestToken };
}

function attachmentRow(s: StoredAttachment, ticketId: string, messageId: string, now: string): AttachmentRow {
  return {
    id: s.id, ticket_id: ticketId, message_id: messageId, storage_key: s.storageKey, filename: s.filename,
    content_type: s.contentType, size: s.size, sha256: s.sha256, created_at: now,
  };
}
