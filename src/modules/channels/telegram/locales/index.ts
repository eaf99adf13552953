import { en } from './en.js';
import { ko } from './ko.js';
import { zhCN } from './zh-CN.js';

export type TelegramTextKey = keyof typeof en;

const catalogues: Record<'en' | 'zh-CN' | 'ko', Record<TelegramTextKey, string>> = { en, 'zh-CN': zhCN, ko };

/** The bot's own words in the customer's language (their Telegram app's, or the ticket's). */
export function telegramText(locale: string | null | undefined, key: TelegramTextKey, vars: Record<string, string | number> = {}): string {
  const catalogue = locale?.startsWith('zh') ? catalogues['zh-CN'] : locale === 'ko' ? catalogues.ko : catalogues.en;
  return catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
