import { exactLocale, textCatalogue, type WrittenLocale } from '../../../../platform/i18n/catalogue.js';
import { en } from './en.js';
import { ko } from './ko.js';
import { zhCN } from './zh-CN.js';

export type EmailTextKey = keyof typeof en;
export type EmailLocale = WrittenLocale;

const catalogue = textCatalogue<EmailTextKey>({ en, 'zh-CN': zhCN, ko });

/** The language we write a ticket's email in: its own when we write it, else English. */
export const emailLocale = exactLocale;

export const emailText = (locale: string, key: EmailTextKey, vars: Record<string, string> = {}): string => catalogue(emailLocale(locale), key, vars);
