import type { InlineKeyboardButton } from 'grammy/types';
import { callbackPick, CALLBACK_HANDOVER } from '../inbound/normalise.js';
import { telegramText } from '../locales/index.js';

export interface OutgoingMessage {
  body: string;
  authorType: 'agent' | 'bot' | 'system';
  /** Agents sign with their first name, as in the web chat. */
  authorName: string | null;
  meta: { article?: { url: string }; choices?: { label: string }[]; handover?: boolean } | null;
}

export interface TelegramReply {
  text: string;
  keyboard: InlineKeyboardButton[][];
}

const MAX_TEXT = 4096;
const MAX_BUTTON = 64;

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * Pure: a desk message as Telegram shows it — plain text (never parsed as Markdown or HTML, so
 * what an agent typed arrives as typed), the bot's choices as buttons whose press reads as the
 * customer saying the label, the article as a link button, and "talk to a person" where the web
 * chat shows it.
 */
export function renderForTelegram(m: OutgoingMessage, locale: string): TelegramReply {
  const signed = m.authorType === 'agent' && m.authorName ? `${telegramText(locale, 'agentPrefix', { agent: m.authorName.split(/\s+/)[0]! })}\n${m.body}` : m.body;
  const keyboard: InlineKeyboardButton[][] = [];
  (m.meta?.choices ?? []).forEach((choice, i) => keyboard.push([{ text: clip(choice.label, MAX_BUTTON), callback_data: callbackPick(i) }]));
  if (m.meta?.article?.url) keyboard.push([{ text: telegramText(locale, 'openArticle'), url: m.meta.article.url }]);
  if (m.meta?.handover) keyboard.push([{ text: telegramText(locale, 'handoverButton'), callback_data: CALLBACK_HANDOVER }]);
  return { text: clip(signed, MAX_TEXT), keyboard };
}
