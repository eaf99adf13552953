import type { AppContext } from '../../../../context.js';
import type { Tx } from '../../../../platform/db/index.js';
import { AppError } from '../../../../platform/http/errors.js';
import type { Actor } from '../../../identity/actor.js';
import { acceptAttachment, withStoredAttachments, type AcceptedAttachment, type UploadedFile } from '../../../tickets/attachments.js';
import { messageWriter } from '../../../tickets/commands/messageSender.js';
import { ticketCreator } from '../../../tickets/commands/ticketCreator.js';
import { chatSubject, insertChat } from '../../chat/commands/chatStarter.js';
import { handoverRequester } from '../../chat/commands/chatStateChanger.js';
import { loadChat } from '../../chat/queries.js';
import { loadTicketForActor } from '../../../tickets/queries.js';
import type { InboundOrigin, InboundResult } from '../../adapters.js';
import type { TelegramInbound, TelegramSender } from '../inbound/normalise.js';
import { telegramText } from '../locales/index.js';
import { downloadTelegramFile, telegramApi, type TelegramSettings } from '../settings.js';
import { lockTelegramIdentity, telegramCustomer, type TelegramCustomer } from './telegramCustomer.js';

type Deps = { ctx: AppContext; settings: TelegramSettings };

const ignored = (): InboundResult => ({ outcome: 'ignored', ticketId: null, created: false });

/** The customer's open Telegram conversation: their newest telegram ticket not solved, closed or merged. */
async function openConversation(trx: Tx | AppContext['db'], customerId: string): Promise<{ ticketId: string } | undefined> {
  const row = await trx.selectFrom('tickets').innerJoin('chats', 'chats.ticket_id', 'tickets.id')
    .select('tickets.id')
    .where('tickets.customer_id', '=', customerId).where('tickets.channel', '=', 'telegram')
    .where('tickets.status', 'not in', ['solved', 'closed']).where('tickets.merged_into_id', 'is', null)
    .orderBy('tickets.id', 'desc').limit(1).executeTakeFirst();
  return row && { ticketId: row.id };
}

/** A second message raced this first one into a conversation of its own: write into that one instead. */
class ConversationExists extends Error {}

async function say(deps: Deps, chatId: number, text: string): Promise<void> {
  await telegramApi(deps.ctx, deps.settings).sendMessage(chatId, text);
}

/** Fetches and checks the customer's files; refused ones are named back to them, the rest kept. */
async function fetchFiles(deps: Deps, inbound: Extract<TelegramInbound, { kind: 'message' }>, locale: string): Promise<{ files: UploadedFile[]; accepted: AcceptedAttachment[] }> {
  const files: UploadedFile[] = [];
  const accepted: AcceptedAttachment[] = [];
  for (const ref of inbound.files.slice(0, deps.ctx.config.MAX_ATTACHMENTS_PER_MESSAGE)) {
    try {
      if (ref.size !== null && ref.size > deps.ctx.config.MAX_ATTACHMENT_BYTES) throw new AppError('payload_too_large', `larger than ${deps.ctx.config.MAX_ATTACHMENT_BYTES} bytes`, 'attachments');
      const file = { filename: ref.filename, data: await downloadTelegramFile(deps.ctx, deps.settings, ref.fileId) };
      accepted.push(await acceptAttachment(file, deps.ctx.config));
      files.push(file);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      await say(deps, inbound.from.chatId, telegramText(locale, 'fileRejected', { file: ref.filename, reason: err.message }));
    }
  }
  return { files, accepted };
}

/**
 * Stores what a Telegram user wrote: into their open conversation, or a new one (a ticket on the
 * telegram channel with a `chats` row, so the bot answers first and routing hands it to a person
 * exactly as for the web chat). Writers for the same user are serialised on their identity row,
 * so two messages sent at once never open two conversations.
 */
async function storeMessage(deps: Deps, from: TelegramSender, customer: TelegramCustomer, body: string, updateId: number, files: UploadedFile[], accepted: AcceptedAttachment[]): Promise<InboundResult> {
  const { ctx } = deps;
  const origin = { ip: null, userAgent: `telegram:${from.userId}` };
  const clientId = `tg:${updateId}`;
  for (let attempt = 0; attempt < 3; attempt++) {
    const open = await openConversation(ctx.db, customer.customerId);
    if (open) {
      const actor: Actor = { kind: 'guest', customerId: customer.customerId, ticketId: open.ticketId };
      const stored = await withStoredAttachments(ctx, accepted, (kept) => ctx.transaction(async (trx) => {
        await lockTelegramIdentity(trx, from.userId);
        const ticket = await loadTicketForActor(trx, actor, open.ticketId, { forUpdate: true });
        const chat = await trx.selectFrom('chats').select('state').where('ticket_id', '=', ticket.id).executeTakeFirstOrThrow();
        // Duplicate deliveries of one update carry the same client id: the second writes nothing.
        const seen = await trx.selectFrom('messages').select('id').where('ticket_id', '=', ticket.id).where('client_id', '=', clientId).executeTakeFirst();
        if (seen) return null;
        await messageWriter(trx, { actor, ticket, input: { body }, stored: kept, origin, clientId, channel: 'telegram', event: { chatState: chat.state } });
        return ticket;
      }));
      return stored ? { outcome: 'stored', ticketId: stored.id, created: false } : { outcome: 'duplicate', ticketId: open.ticketId, created: false };
    }
    try {
      const created = await ticketCreator({
        ctx, actor: { kind: 'guest', customerId: customer.customerId, ticketId: '' }, origin, clientId, files, fieldsLater: true,
        input: { subject: chatSubject(body) || '(Telegram)', body, category: 'platform', locale: customer.locale, channel: 'telegram' },
        within: async (trx, { ticket }) => {
          await lockTelegramIdentity(trx, from.userId);
          const other = await openConversation(trx, customer.customerId);
          if (other && other.ticketId !== ticket.id) throw new ConversationExists();
          await insertChat(trx, ticket.id, { state: 'bot' });
        },
      });
      return { outcome: 'stored', ticketId: created.ticket.id, created: true };
    } catch (err) {
      if (!(err instanceof ConversationExists)) throw err;
    }
  }
  throw new Error(`Telegram user ${from.userId}: kept losing the race for their conversation`);
}

/** "Talk to a person": the open conversation's bot steps aside (routing takes it), or the customer is asked what it is about. */
async function requestPerson(deps: Deps, from: TelegramSender, customer: TelegramCustomer): Promise<InboundResult> {
  const open = await openConversation(deps.ctx.db, customer.customerId);
  if (!open) {
    await say(deps, from.chatId, telegramText(customer.locale, 'describeFirst'));
    return ignored();
  }
  const chat = await loadChat(deps.ctx.db, open.ticketId);
  if (chat) await handoverRequester({ ctx: deps.ctx, chat });
  return { outcome: 'stored', ticketId: open.ticketId, created: false };
}

/** The adapter's `accept`: one normalised update, handled. */
export async function telegramInboundWriter(deps: Deps, inbound: TelegramInbound, _origin: InboundOrigin): Promise<InboundResult> {
  if (inbound.kind === 'ignored') return ignored();
  const api = telegramApi(deps.ctx, deps.settings);
  const customer = await telegramCustomer(deps.ctx, inbound.from);
  switch (inbound.kind) {
    case 'start':
      await say(deps, inbound.from.chatId, telegramText(customer.locale, 'welcome'));
      return ignored();
    case 'handover':
      if (inbound.callbackId) await api.answerCallbackQuery(inbound.callbackId);
      return requestPerson(deps, inbound.from, customer);
    case 'pick':
      await api.answerCallbackQuery(inbound.callbackId);
      return storeMessage(deps, inbound.from, customer, inbound.label, inbound.updateId, [], []);
    case 'message': {
      if (inbound.unsupported) {
        await say(deps, inbound.from.chatId, telegramText(customer.locale, 'unsupported'));
        return ignored();
      }
      const { files, accepted } = await fetchFiles(deps, inbound, customer.locale);
      const body = inbound.edited ? telegramText(customer.locale, 'edited', { text: inbound.text }) : inbound.text;
      if (!body && files.length === 0) return ignored();
      return storeMessage(deps, inbound.from, customer, body || files.map((f) => f.filename).join(', '), inbound.updateId, files, accepted);
    }
  }
}

