import { exactLocale, textCatalogue } from '../../../platform/i18n/catalogue.js';
import { en } from './en.js';
import { ko } from './ko.js';
import { zhCN } from './zh-CN.js';

export type SecurityTextKey = keyof typeof en;

const catalogues = { en, 'zh-CN': zhCN, ko };
const catalogue = textCatalogue<SecurityTextKey>(catalogues);

/** Security operations' text in the customer's (or ticket's) language; English for others. */
export const securityText = (locale: string, key: SecurityTextKey, vars: Record<string, string> = {}): string => catalogue(exactLocale(locale), key, vars);

/** Every locale's wording of one key (answers are matched in any language). */
export const inEveryLocale = (key: SecurityTextKey): string[] => Object.values(catalogues).map((c) => c[key]);
