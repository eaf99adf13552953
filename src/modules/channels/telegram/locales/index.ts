import { textCatalogue } from '../../../../platform/i18n/catalogue.js';
import { en } from './en.js';
import { ko } from './ko.js';
import { zhCN } from './zh-CN.js';

export type TelegramTextKey = keyof typeof en;

/** The bot's own words in the customer's language (their Telegram app's, or the ticket's). */
export const telegramText = textCatalogue<TelegramTextKey>({ en, 'zh-CN': zhCN, ko });
