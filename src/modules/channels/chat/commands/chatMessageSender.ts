import type { AppContext } from '../../../../context.js';
import { isUniqueViolation } from '../../../../platform/db/errors.js';
import { AppError } from '../../../../platform/http/errors.js';
import type { Actor, RequestOrigin } from '../../../identity/actor.js';
import type { UploadedFile } from '../../../tickets/attachments.js';
import { messageSender } from '../../../tickets/commands/messageSender.js';
import type { ChatRecord, MessageView } from '../queries.js';

interface Args {
  ctx: AppContext;
  actor: Actor;
  chat: ChatRecord;
  clientId: string;
  body: string;
  internal?: boolean;
  files?: UploadedFile[];
  origin: RequestOrigin;
}

const existing = (ctx: AppContext, ticketId: string, clientId: string) =>
  ctx.db.selectFrom('messages').select('id').where('ticket_id', '=', ticketId).where('client_id', '=', clientId).executeTakeFirst();

/**
 * A message in a chat, through the tickets module's messageSender (status rules, timeline,
 * `message.created`). Idempotent by the client's id: a resend returns the message already
 * stored, whether the first attempt is long committed or racing this one.
 */
export interface ChatSent {
  messageId: string;
  duplicate: boolean;
  /** The stored message as the sender's ack shows it (author name left to the caller), unless a duplicate. */
  view?: MessageView;
}

export async function chatMessageSender({ ctx, actor, chat, clientId, body, internal, files, origin }: Args): Promise<ChatSent> {
  if (chat.state === 'ended' && actor.kind !== 'agent') {
    // A resend of what was stored before the end still gets its ack; anything new is refused.
    const before = await existing(ctx, chat.ticketId, clientId);
    if (before) return { messageId: before.id, duplicate: true };
    throw new AppError('transition_not_allowed', 'This chat has ended; start a new one.');
  }
  // No look-up first: resends are rare, and the unique (ticket, client id) index catches them.
  try {
    const sent = await messageSender({
      ctx, actor, ticketId: chat.ticketId, origin, clientId, channel: 'chat', files: files ?? [],
      input: { body, visibility: internal && actor.kind === 'agent' ? 'internal' : 'public' },
    });
    return { messageId: sent.message.id, duplicate: false, view: { message: sent.message, attachments: sent.attachments, authorName: null } };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const raced = await existing(ctx, chat.ticketId, clientId);
    if (!raced) throw err;
    return { messageId: raced.id, duplicate: true };
  }
}
