import type { TelegramMessage, TelegramUpdate, TelegramUser } from '../payload.js';

/** A file the customer sent, fetched later with getFile. */
export interface TelegramFileRef {
  fileId: string;
  filename: string;
  size: number | null;
}

export interface TelegramSender {
  userId: number;
  chatId: number;
  name: string;
  username: string | null;
  /** Their Telegram app's language (IETF tag), if it says. */
  languageCode: string | null;
}

interface Base {
  updateId: number;
  from: TelegramSender;
}

/** What one update asks of the desk. */
export type TelegramInbound =
  | (Base & { kind: 'message'; text: string; files: TelegramFileRef[]; edited: boolean; unsupported: boolean })
  /** /start: the customer opened the bot (a deep-link payload may follow the command). */
  | (Base & { kind: 'start' })
  /** /agent, /human or the "talk to a person" button. */
  | (Base & { kind: 'handover'; callbackId: string | null })
  /** A button of a bot message: the label reads as what the customer said. */
  | (Base & { kind: 'pick'; label: string; callbackId: string })
  | { kind: 'ignored'; updateId: number; reason: 'not_private' | 'from_bot' | 'no_content' | 'unknown_update' };

/** Callback data of the buttons we send (Telegram allows 64 bytes). */
export const CALLBACK_HANDOVER = 'handover';
export const callbackPick = (index: number): string => `pick:${index}`;

const COMMAND = /^\/([a-z]+)(?:@\w+)?(?:\s+(.*))?$/is;

const sender = (user: TelegramUser, chatId: number): TelegramSender => ({
  userId: user.id,
  chatId,
  name: [user.first_name, user.last_name].filter(Boolean).join(' ').trim() || (user.username ?? String(user.id)),
  username: user.username ?? null,
  languageCode: user.language_code ?? null,
});

function photoRef(m: TelegramMessage): TelegramFileRef[] {
  // Telegram sends every size it made; the largest is the original the customer chose.
  const largest = [...(m.photo ?? [])].sort((a, b) => b.width * b.height - a.width * a.height)[0];
  return largest ? [{ fileId: largest.file_id, filename: `photo-${m.message_id}.jpg`, size: largest.file_size ?? null }] : [];
}

function documentRef(m: TelegramMessage): TelegramFileRef[] {
  const d = m.document;
  return d ? [{ fileId: d.file_id, filename: d.file_name ?? `document-${m.message_id}`, size: d.file_size ?? null }] : [];
}

function fromMessage(updateId: number, m: TelegramMessage, edited: boolean): TelegramInbound {
  if (m.chat.type !== 'private') return { kind: 'ignored', updateId, reason: 'not_private' };
  if (!m.from) return { kind: 'ignored', updateId, reason: 'no_content' };
  if (m.from.is_bot) return { kind: 'ignored', updateId, reason: 'from_bot' };
  const from = sender(m.from, m.chat.id);
  const text = (m.text ?? m.caption ?? '').trim();
  const command = !edited && m.text ? COMMAND.exec(m.text.trim()) : null;
  if (command) {
    const name = command[1]!.toLowerCase();
    if (name === 'start') return { kind: 'start', updateId, from };
    if (name === 'agent' || name === 'human') return { kind: 'handover', updateId, from, callbackId: null };
  }
  const files = [...photoRef(m), ...documentRef(m)];
  // Stickers, voice notes, locations…: nothing an agent can act on, but the customer is told.
  const unsupported = !text && files.length === 0;
  return { kind: 'message', updateId, from, text, files, edited, unsupported };
}

/** Pure: one update, classified. Nothing here touches the database or the network. */
export function normaliseUpdate(update: TelegramUpdate): TelegramInbound {
  const id = update.update_id;
  if (update.message) return fromMessage(id, update.message, false);
  if (update.edited_message) return fromMessage(id, update.edited_message, true);
  const query = update.callback_query;
  if (query) {
    const chat = query.message?.chat;
    if (!chat || chat.type !== 'private') return { kind: 'ignored', updateId: id, reason: 'not_private' };
    const from = sender(query.from, chat.id);
    if (query.data === CALLBACK_HANDOVER) return { kind: 'handover', updateId: id, from, callbackId: query.id };
    const buttons = query.message?.reply_markup?.inline_keyboard.flat() ?? [];
    const label = buttons.find((b) => b.callback_data === query.data)?.text;
    if (query.data?.startsWith('pick:') && label) return { kind: 'pick', updateId: id, from, label, callbackId: query.id };
    return { kind: 'ignored', updateId: id, reason: 'no_content' };
  }
  return { kind: 'ignored', updateId: id, reason: 'unknown_update' };
}
