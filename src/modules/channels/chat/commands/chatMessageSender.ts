import type { AppContext } from '../../../../context.js';
import { isUniqueViolation } from '../../../../platform/db/errors.js';
import type { Tx } from '../../../../platform/db/index.js';
import { AppError } from '../../../../platform/http/errors.js';
import type { RequestOrigin } from '../../../identity/actor.js';
import { acceptAttachments, withStoredAttachments, type UploadedFile } from '../../../tickets/attachments.js';
import { messageWriter } from '../../../tickets/commands/messageSender.js';
import { awaitsSecretAnswer } from '../../../bot/answering/botState.js';
import { sealAnswer } from '../../../security/sealedAnswers.js';
import { actorFor, checkChatAccess, type ChatPrincipal } from '../principal.js';
import { chatForWrite, type ChatRecord, type MessageView } from '../queries.js';

interface Args {
  ctx: AppContext;
  /** Who writes: their access is checked on the chat as read in the transaction. */
  principal: ChatPrincipal;
  chatId: string;
  clientId: string;
  body: string;
  internal?: boolean;
  files?: UploadedFile[];
  origin: RequestOrigin;
}

const existing = (db: AppContext['db'] | Tx, ticketId: string, clientId: string) =>
  db.selectFrom('messages').select('id').where('ticket_id', '=', ticketId).where('client_id', '=', clientId).executeTakeFirst();

/** A first-come first-served limit on how many callers run at once. */
class Gate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly max: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await fn();
    } finally {
      // The slot passes straight to the next waiter, so `active` never drops below what runs.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

const gates = new WeakMap<AppContext, Gate>();

/**
 * On PostgreSQL every send holds a pooled connection for its transaction: a flood of chat
 * messages may take all but two, so the outbox relay (which delivers them), jobs and HTTP requests
 * still get one, and the rest wait their turn here rather than time out in the pool. SQLite's
 * group commit already runs them one batch at a time.
 */
function gateOf(ctx: AppContext): Gate | undefined {
  if (ctx.database.dialect !== 'postgres') return undefined;
  let gate = gates.get(ctx);
  if (!gate) gates.set(ctx, (gate = new Gate(Math.max(1, ctx.config.DATABASE_POOL_SIZE - 2))));
  return gate;
}

export interface ChatSent {
  chat: ChatRecord;
  messageId: string;
  duplicate: boolean;
  /** The stored message with its author's name, unless a duplicate. */
  view?: MessageView;
}

/**
 * A message in a chat, through the tickets module's messageWriter (status rules, timeline,
 * `message.created` carrying the message and the chat's state). One read per message: the chat,
 * its ticket (locked on PostgreSQL), the customer's and the writing agent's names, inside the
 * transaction, where the principal's access is checked too. Idempotent by the client's id: a
 * resend returns the message already stored, whether the first attempt is long committed or
 * racing this one.
 */
export async function chatMessageSender({ ctx, principal, chatId, clientId, body, internal, files = [], origin }: Args): Promise<ChatSent> {
  const agentId = principal.kind === 'agent' ? principal.actor.agentId : null;
  const accepted = await acceptAttachments(files, ctx.config);
  let chat: ChatRecord | undefined;
  const gate = gateOf(ctx);
  const transaction: AppContext['transaction'] = gate ? (fn) => gate.run(() => ctx.transaction(fn)) : ctx.transaction;
  try {
    return await withStoredAttachments(ctx, accepted, (stored) =>
      transaction(async (trx): Promise<ChatSent> => {
        const found = await chatForWrite(trx, chatId, agentId);
        chat = checkChatAccess(principal, found?.chat);
        const { ticket, customerName, agentName, botState } = found!;
        const actor = actorFor(principal, chat);
        if (chat.state === 'ended' && actor.kind !== 'agent') {
          // A resend of what was stored before the end still gets its ack; anything new is refused.
          const before = await existing(trx, chat.ticketId, clientId);
          if (before) return { chat, messageId: before.id, duplicate: true };
          throw new AppError('transition_not_allowed', 'This chat has ended; start a new one.');
        }
        // No look-up first: resends are rare, and the unique (ticket, client id) index catches them.
        const sent = await messageWriter(trx, {
          actor, ticket, stored, origin, clientId, channel: 'chat',
          input: { body, visibility: internal && actor.kind === 'agent' ? 'internal' : 'public' },
          authorName: actor.kind === 'agent' ? agentName : customerName,
          event: { chatState: chat.state },
          // The bot asked this customer for the code it had sent them: sealed, never stored in clear.
          ...(actor.kind !== 'agent' && chat.state === 'bot' && awaitsSecretAnswer(botState) ? { sealedAnswer: sealAnswer(ctx.secret, body) } : {}),
        });
        const view: MessageView = { message: sent.message, attachments: sent.attachments, authorName: actor.kind === 'agent' ? agentName : customerName };
        return { chat, messageId: sent.message.id, duplicate: false, view };
      }),
    );
  } catch (err) {
    if (!chat || !isUniqueViolation(err)) throw err;
    const raced = await existing(ctx.db, chat.ticketId, clientId);
    if (!raced) throw err;
    return { chat, messageId: raced.id, duplicate: true };
  }
}
