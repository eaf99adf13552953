import { isLocale, type Locale } from '../../platform/i18n/index.js';
import type { LocalizedText } from './definitions.js';

/**
 * Small text helpers of the bot: matching what a customer typed against offered choices, the
 * language a message is written in, and picking the right locale of admin-written text.
 */

/** Width-folded, lower-case, punctuation and emoji removed, spaces collapsed: "  Yes, thanks! " → "yes thanks". */
export function normaliseAnswer(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;
const KANA = /[\u3040-\u30ff]/;
const HAN = /[\u4e00-\u9fff\u3400-\u4dbf]/;

/**
 * The language a message is evidently written in, when its script says so (Hangul → ko, Chinese
 * characters without kana → zh-CN); null for Latin text, numbers and hashes, which could be
 * anyone's (an English word in a Chinese chat, a TxID).
 */
export function scriptLocale(text: string): 'ko' | 'zh-CN' | null {
  if (HANGUL.test(text)) return 'ko';
  if (HAN.test(text) && !KANA.test(text)) return 'zh-CN';
  return null;
}

/** The catalogue locale for bot chrome (our messages exist in zh-CN, en, ko). */
export const chromeLocale = (locale: string): Locale => (isLocale(locale) ? locale : 'en');

/** The text in `locale`, else English, else Chinese, else Korean, else whatever there is. */
export function pick(text: LocalizedText | undefined, locale: string): string {
  if (!text) return '';
  const t = text as Record<string, string | undefined>;
  return t[locale] ?? t.en ?? t['zh-CN'] ?? t.ko ?? Object.values(t).find((v): v is string => !!v) ?? '';
}

/** Replaces `{name}` with collected values and `{name|fallback}` with the fallback when there is none; unknown names become empty. */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([A-Za-z][A-Za-z0-9]*)(?:\|([^{}]*))?\}/g, (_whole, name: string, fallback?: string) => values[name] || (fallback ?? ''));
}
