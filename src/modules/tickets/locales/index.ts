import { en } from './en.js';
import { ko } from './ko.js';
import { zhCN } from './zh-CN.js';

export type TicketTextKey = keyof typeof en;

const catalogues: Record<string, typeof en> = { en, 'zh-CN': zhCN, ko };

/** System text in the ticket's language (English for languages we do not write yet). */
export function ticketText(locale: string, key: TicketTextKey, vars: Record<string, string> = {}): string {
  const template = (catalogues[locale] ?? en)[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}
