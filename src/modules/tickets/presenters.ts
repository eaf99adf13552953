import type { InboxRow } from './inbox.js';
import type { TicketAbilities } from './policies.js';
import type { MessageView, TicketDetail, TimelineEntry } from './queries.js';
import type { AttachmentRow, TicketRow } from './ticketEvents.js';

/**
 * Pure shapes for the API. Agent views carry everything; customer views drop internal
 * notes (filtered before they get here), internal fields and who exactly is working on it.
 */
const fieldsOf = (ticket: TicketRow): Record<string, string> => JSON.parse(ticket.fields) as Record<string, string>;

/** "Li Wei" → "Li": customers see the first name of the agent helping them, no more. */
export const firstName = (name: string | null): string | null => name?.trim().split(/\s+/)[0] ?? null;

export function presentAttachment(a: AttachmentRow) {
  return { id: a.id, filename: a.filename, contentType: a.content_type, size: a.size, url: `/api/v1/attachments/${a.id}` };
}

/** What every agent-facing view of a ticket starts with. */
const ticketCore = (ticket: TicketRow) => ({
  id: ticket.id,
  number: ticket.number,
  subject: ticket.subject,
  status: ticket.status,
  priority: ticket.priority,
  channel: ticket.channel,
  category: ticket.category,
});

export function presentTicketSummary(ticket: TicketRow, tags: string[]) {
  return {
    ...ticketCore(ticket),
    customerId: ticket.customer_id,
    assigneeId: ticket.assignee_id,
    teamId: ticket.team_id,
    tags,
    mergedIntoId: ticket.merged_into_id,
    createdAt: ticket.created_at,
    updatedAt: ticket.updated_at,
  };
}

export function presentTicketForAgent(detail: TicketDetail, abilities: TicketAbilities) {
  const { ticket } = detail;
  return {
    ...ticketCore(ticket),
    fields: fieldsOf(ticket),
    locale: ticket.locale,
    customer: detail.customer,
    assignee: detail.assignee,
    team: detail.team,
    tags: detail.tags,
    mergedInto: detail.mergedInto,
    createdAt: ticket.created_at,
    updatedAt: ticket.updated_at,
    solvedAt: ticket.solved_at,
    closedAt: ticket.closed_at,
    abilities,
  };
}

export function presentMessageForAgent(view: MessageView) {
  const m = view.message;
  return {
    id: m.id,
    ticketId: m.ticket_id,
    visibility: m.visibility,
    author: { type: m.author_type, id: m.author_id, name: view.authorName },
    body: m.body,
    channel: m.channel,
    createdAt: m.created_at,
    attachments: view.attachments.map(presentAttachment),
  };
}

export function presentTicketForCustomer(detail: TicketDetail, abilities: Pick<TicketAbilities, 'reply'>) {
  const { ticket } = detail;
  return {
    number: ticket.number,
    subject: ticket.subject,
    status: ticket.status,
    channel: ticket.channel,
    category: ticket.category,
    fields: fieldsOf(ticket),
    locale: ticket.locale,
    agent: detail.assignee ? { firstName: firstName(detail.assignee.name) } : null,
    mergedInto: detail.mergedInto ? { number: detail.mergedInto.number } : null,
    createdAt: ticket.created_at,
    updatedAt: ticket.updated_at,
    solvedAt: ticket.solved_at,
    closedAt: ticket.closed_at,
    abilities: { reply: abilities.reply },
  };
}

export function presentTicketSummaryForCustomer(ticket: TicketRow) {
  return {
    number: ticket.number,
    subject: ticket.subject,
    status: ticket.status,
    category: ticket.category,
    createdAt: ticket.created_at,
    updatedAt: ticket.updated_at,
  };
}

export function presentMessageForCustomer(view: MessageView) {
  const m = view.message;
  const author =
    m.author_type === 'agent' ? { type: 'agent' as const, name: firstName(view.authorName) }
    : m.author_type === 'customer' ? { type: 'customer' as const, name: view.authorName }
    : { type: m.author_type, name: null };
  return {
    id: m.id,
    author,
    body: m.body,
    createdAt: m.created_at,
    attachments: view.attachments.map(presentAttachment),
  };
}

export function presentTimelineEntry(entry: TimelineEntry) {
  return { id: entry.id, type: entry.type, data: entry.data, actor: entry.actor, createdAt: entry.createdAt };
}

/** A row of the console's inbox: enough to scan and sort, nothing a list does not show. */
export function presentInboxTicket(row: InboxRow) {
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    status: row.status,
    priority: row.priority,
    channel: row.channel,
    category: row.category,
    locale: row.locale,
    tags: row.tags,
    customer: { id: row.customer_id, name: row.customer_name, email: row.customer_email, externalId: row.customer_external_id },
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name } : null,
    team: row.team_id ? { id: row.team_id, name: row.team_name } : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
