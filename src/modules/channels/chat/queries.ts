import { dialectOf } from '../../../platform/db/dialect.js';
import type { DbOrTx, Tx } from '../../../platform/db/index.js';
import { UUID_PATTERN } from '../../../platform/db/ids.js';
import { prepared } from '../../../platform/db/prepared.js';
import { authorNames, customerDisplayName } from '../../tickets/queries.js';
import type { CarriedAttachment, MessageRow, TicketRow } from '../../tickets/ticketEvents.js';

/** A chat as the gateway needs it: the `chats` row with the ticket fields it shows. */
export interface ChatRecord {
  ticketId: string;
  number: string;
  customerId: string;
  state: 'bot' | 'queued' | 'assigned' | 'left_message' | 'ended';
  topic: string | null;
  locale: string;
  teamId: string | null;
  assigneeId: string | null;
  visitorId: string | null;
  customerReadId: string | null;
  agentReadId: string | null;
  createdAt: string;
}

const chatColumns = [
  'chats.ticket_id as ticketId', 'tickets.number', 'tickets.customer_id as customerId', 'chats.state', 'chats.topic',
  'tickets.locale', 'chats.team_id as teamId', 'tickets.assignee_id as assigneeId', 'chats.visitor_id as visitorId',
  'chats.customer_read_id as customerReadId', 'chats.agent_read_id as agentReadId', 'chats.created_at as createdAt',
] as const;

const chats = (db: DbOrTx) => db.selectFrom('chats').innerJoin('tickets', 'tickets.id', 'chats.ticket_id').select(chatColumns);

export async function loadChat(db: DbOrTx, ticketId: string): Promise<ChatRecord | undefined> {
  if (!UUID_PATTERN.test(ticketId)) return undefined;
  return chats(db).where('chats.ticket_id', '=', ticketId).executeTakeFirst();
}

/** The customer's chats that are still going, newest first (a verified customer resumes on any device). */
export function openChatsOf(db: DbOrTx, customerId: string, limit = 3): Promise<ChatRecord[]> {
  return chats(db).where('tickets.customer_id', '=', customerId).where('chats.state', '!=', 'ended').orderBy('chats.ticket_id', 'desc').limit(limit).execute();
}

/** Chats an agent's queue view starts from: everything not ended, newest first. */
export function liveChats(db: DbOrTx, limit = 200): Promise<ChatRecord[]> {
  return chats(db).where('chats.state', 'in', ['bot', 'queued', 'assigned']).orderBy('chats.ticket_id', 'desc').limit(limit).execute();
}

/** The chat a visitor already started with this first message (a chat.start resent after a reconnect). */
export async function chatStartedBy(db: DbOrTx, visitorId: string, clientId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('chats')
    .innerJoin('messages', 'messages.ticket_id', 'chats.ticket_id')
    .select('chats.ticket_id')
    .where('chats.visitor_id', '=', visitorId)
    .where('messages.client_id', '=', clientId)
    .executeTakeFirst();
  return row?.ticket_id;
}

export interface MessageView {
  message: MessageRow;
  attachments: CarriedAttachment[];
  authorName: string | null;
}

/** A chat about to be written to: its ticket row (locked on PostgreSQL) and the names a new message shows. */
export interface ChatForWrite {
  chat: ChatRecord;
  ticket: TicketRow;
  /** The customer as agents see them beside their messages. */
  customerName: string;
  /** The writing agent's name (null unless `agentId` was given and exists). */
  agentName: string | null;
  /** The bot's memory of this chat (bot/answering/botState.ts): is it waiting for a code? */
  botState: string;
}

/**
 * The one read of a chat message's transaction: chat, ticket, customer and writing agent in one
 * statement, the ticket row locked on PostgreSQL like messageSender's (ids stay in commit order).
 */
const lockedChat = prepared((db, a: { ticketId: string; agentId: string | null }) => {
  const query = db
    .selectFrom('chats')
    .innerJoin('tickets', 'tickets.id', 'chats.ticket_id')
    .innerJoin('customers', 'customers.id', 'tickets.customer_id')
    .leftJoin('agents', (join) => join.on('agents.id', '=', a.agentId))
    .selectAll('tickets')
    .select([
      'chats.state as chatState', 'chats.topic as chatTopic', 'chats.team_id as chatTeamId', 'chats.visitor_id as chatVisitorId',
      'chats.customer_read_id as chatCustomerReadId', 'chats.agent_read_id as chatAgentReadId', 'chats.created_at as chatCreatedAt',
      'chats.bot_state as chatBotState', 'customers.name as customerName', 'customers.email as customerEmail', 'agents.name as agentName',
    ])
    .where('chats.ticket_id', '=', a.ticketId);
  return dialectOf(db) === 'postgres' ? query.forUpdate('tickets') : query;
});

export async function chatForWrite(trx: Tx, ticketId: string, agentId: string | null): Promise<ChatForWrite | undefined> {
  if (!UUID_PATTERN.test(ticketId)) return undefined;
  const row = await lockedChat.executeTakeFirst(trx, { ticketId, agentId });
  if (!row) return undefined;
  const { chatState, chatTopic, chatTeamId, chatVisitorId, chatCustomerReadId, chatAgentReadId, chatCreatedAt, chatBotState, customerName, customerEmail, agentName, ...ticket } = row;
  return {
    chat: {
      ticketId: ticket.id, number: ticket.number, customerId: ticket.customer_id, state: chatState, topic: chatTopic, locale: ticket.locale,
      teamId: chatTeamId, assigneeId: ticket.assignee_id, visitorId: chatVisitorId, customerReadId: chatCustomerReadId, agentReadId: chatAgentReadId, createdAt: chatCreatedAt,
    },
    ticket,
    customerName: customerDisplayName({ name: customerName, email: customerEmail }),
    agentName,
    botState: chatBotState,
  };
}

export const REPLAY_LIMIT = 1000;

/**
 * Messages after `after` (exclusive) in id order, which is commit order within a chat: every
 * writer locks the ticket row before taking a message id. Customers never get internal notes.
 */
export async function messagesAfter(db: DbOrTx, ticketId: string, after: string | null, opts: { internal: boolean; limit?: number }): Promise<MessageView[]> {
  let query = db.selectFrom('messages').selectAll().where('ticket_id', '=', ticketId);
  if (!opts.internal) query = query.where('visibility', '=', 'public');
  if (after) query = query.where('id', '>', after);
  const rows = await query.orderBy('id', 'asc').limit(opts.limit ?? REPLAY_LIMIT).execute();
  return withDetails(db, rows);
}

export async function messageById(db: DbOrTx, messageId: string): Promise<MessageView | undefined> {
  const row = await db.selectFrom('messages').selectAll().where('id', '=', messageId).executeTakeFirst();
  return row ? (await withDetails(db, [row]))[0] : undefined;
}

/** Whether `messageId` is a message of this chat the reader could have received (a valid resume cursor). */
export async function isCursorOf(db: DbOrTx, ticketId: string, messageId: string, internal: boolean): Promise<boolean> {
  if (!UUID_PATTERN.test(messageId)) return false;
  let query = db.selectFrom('messages').select('id').where('id', '=', messageId).where('ticket_id', '=', ticketId);
  if (!internal) query = query.where('visibility', '=', 'public');
  return (await query.executeTakeFirst()) !== undefined;
}

async function withDetails(db: DbOrTx, rows: MessageRow[]): Promise<MessageView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((m) => m.id);
  const [attachments, names] = await Promise.all([
    db.selectFrom('attachments').selectAll().where('message_id', 'in', ids).orderBy('id').execute(),
    authorNames(db, rows.map((m) => ({ type: m.author_type, id: m.author_id }))),
  ]);
  return rows.map((message) => ({
    message,
    attachments: attachments.filter((a) => a.message_id === message.id),
    authorName: message.author_id ? (names.get(`${message.author_type}:${message.author_id}`) ?? null) : null,
  }));
}
