import { en } from './en.js';
import { ko } from './ko.js';
import { zhCN } from './zh-CN.js';

export type EmailTextKey = keyof typeof en;
export type EmailLocale = 'en' | 'zh-CN' | 'ko';

const catalogues: Record<EmailLocale, typeof en> = { en, 'zh-CN': zhCN, ko };

/** The language we write a ticket's email in: its own when we write it, else English. */
export const emailLocale = (locale: string | null | undefined): EmailLocale => (locale === 'zh-CN' || locale === 'ko' ? locale : 'en');

export function emailText(locale: string, key: EmailTextKey, vars: Record<string, string> = {}): string {
  return catalogues[emailLocale(locale)][key].replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}
