import { buffer } from 'node:stream/consumers';
import { GrammyError, InputFile } from 'grammy';
import type { AppContext } from '../../../../context.js';
import type { DomainEvent } from '../../../../platform/bus/bus.js';
import { addTicketEvent, systemRef } from '../../../tickets/ticketEvents.js';
import { chatStateWords } from '../../chatStateWords.js';
import { markTelegramBlocked, telegramAddressOf, type TelegramAddress } from '../commands/telegramCustomer.js';
import { telegramApi, type TelegramSettings } from '../settings.js';
import { renderForTelegram, type OutgoingMessage } from './render.js';

type Deps = { ctx: AppContext; settings: TelegramSettings };

/** Photos Telegram shows inline; anything else goes as a document. */
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);

/**
 * Sends to a Telegram customer. Telegram refusing for good — the user blocked the bot (403) or
 * the chat is gone (400) — is recorded on the ticket for the agents and not retried; anything
 * else (429, 5xx, network) throws, so the durable job retries with backoff.
 */
async function sending(deps: Deps, ticketId: string, customerId: string, send: (address: TelegramAddress) => Promise<unknown>): Promise<void> {
  const address = await telegramAddressOf(deps.ctx.db, customerId);
  if (!address) return;
  try {
    await send(address);
  } catch (err) {
    if (!(err instanceof GrammyError) || (err.error_code !== 403 && err.error_code !== 400)) throw err;
    if (err.error_code === 403) await markTelegramBlocked(deps.ctx.db, customerId);
    await addTicketEvent(deps.ctx.db, ticketId, systemRef, 'delivery_failed', { channel: 'telegram', code: err.error_code, reason: err.description });
    deps.ctx.log.warn({ ticketId, code: err.error_code, reason: err.description }, 'Telegram refused a message for good');
  }
}

/** An agent's, the bot's or the desk's public message on a telegram ticket, delivered with its files. */
export async function deliverTelegramMessage(deps: Deps, messageId: string): Promise<void> {
  const { db } = deps.ctx;
  const row = await db.selectFrom('messages').innerJoin('tickets', 'tickets.id', 'messages.ticket_id')
    .leftJoin('agents', (j) => j.onRef('agents.id', '=', 'messages.author_id').on('messages.author_type', '=', 'agent'))
    .select(['messages.body', 'messages.meta', 'messages.author_type', 'messages.visibility', 'agents.name as agentName', 'tickets.id as ticketId', 'tickets.customer_id as customerId', 'tickets.locale'])
    .where('messages.id', '=', messageId).executeTakeFirst();
  if (!row || row.visibility !== 'public' || row.author_type === 'customer') return;
  const files = await db.selectFrom('attachments').select(['storage_key', 'filename', 'content_type']).where('message_id', '=', messageId).orderBy('id').execute();
  const message: OutgoingMessage = { body: row.body, authorType: row.author_type, authorName: row.agentName, meta: row.meta ? (JSON.parse(row.meta) as OutgoingMessage['meta']) : null };
  const reply = renderForTelegram(message, row.locale);
  const api = telegramApi(deps.ctx, deps.settings);
  await sending(deps, row.ticketId, row.customerId, async ({ chatId }) => {
    if (reply.text.trim()) await api.sendMessage(chatId, reply.text, reply.keyboard.length ? { reply_markup: { inline_keyboard: reply.keyboard } } : {});
    for (const file of files) {
      const upload = new InputFile(await buffer(await deps.ctx.storage.get(file.storage_key)), file.filename);
      if (PHOTO_TYPES.has(file.content_type)) await api.sendPhoto(chatId, upload);
      else await api.sendDocument(chatId, upload);
    }
  });
}

/** The conversation's live state (queue, an agent joining, the end) said in words: Telegram has no widget. */
export async function announceChatState(deps: Deps, event: DomainEvent): Promise<void> {
  const said = await chatStateWords(deps.ctx.db, event, 'telegram');
  if (!said) return;
  await sending(deps, said.ticket.id, said.ticket.customer_id, ({ chatId }) => telegramApi(deps.ctx, deps.settings).sendMessage(chatId, said.text));
}
