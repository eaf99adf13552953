import { textCatalogue } from '../../../../platform/i18n/catalogue.js';
import { en } from './en.js';
import { ko } from './ko.js';
import { zhCN } from './zh-CN.js';

export type PhoneTextKey = keyof typeof en;

/** The desk's words on phone tickets and the callback page, in the ticket's or reader's language. */
export const phoneText = textCatalogue<PhoneTextKey>({ en, 'zh-CN': zhCN, ko });
