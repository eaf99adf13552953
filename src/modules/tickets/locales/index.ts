import { exactLocale, textCatalogue } from '../../../platform/i18n/catalogue.js';
import { en } from './en.js';
import { ko } from './ko.js';
import { zhCN } from './zh-CN.js';

export type TicketTextKey = keyof typeof en;

const catalogue = textCatalogue<TicketTextKey>({ en, 'zh-CN': zhCN, ko });

/** System text in the ticket's language (English for languages we do not write yet). */
export const ticketText = (locale: string, key: TicketTextKey, vars: Record<string, string> = {}): string => catalogue(exactLocale(locale), key, vars);
