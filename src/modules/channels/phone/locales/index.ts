import { en } from './en.js';
import { ko } from './ko.js';
import { zhCN } from './zh-CN.js';

export type PhoneTextKey = keyof typeof en;

const catalogues: Record<'en' | 'zh-CN' | 'ko', Record<PhoneTextKey, string>> = { en, 'zh-CN': zhCN, ko };

/** The desk's words on phone tickets and the callback page, in the ticket's or reader's language. */
export function phoneText(locale: string | null | undefined, key: PhoneTextKey, vars: Record<string, string | number> = {}): string {
  const catalogue = locale?.startsWith('zh') ? catalogues['zh-CN'] : locale === 'ko' ? catalogues.ko : catalogues.en;
  return catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
