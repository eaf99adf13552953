import { en } from './en.js';
import { ko } from './ko.js';
import { zhCN } from './zh-CN.js';

export type SecurityTextKey = keyof typeof en;

const catalogues: Record<string, typeof en> = { en, 'zh-CN': zhCN, ko };

/** Security operations' text in the customer's (or ticket's) language; English for others. */
export function securityText(locale: string, key: SecurityTextKey, vars: Record<string, string> = {}): string {
  const template = (catalogues[locale] ?? en)[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}

/** Every locale's wording of one key (answers are matched in any language). */
export const inEveryLocale = (key: SecurityTextKey): string[] => Object.values(catalogues).map((c) => c[key]);
