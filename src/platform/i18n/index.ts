export { locales, defaultLocale, isLocale, localeNames, t, hasMessage, messageKeys, type Locale, type MessageVars } from './messages.js';
export { LOCALE_COOKIE, matchLocale, parseAcceptLanguage, negotiateLocale, type LocaleSources } from './negotiate.js';
export { formatDateTime, formatBytes } from './format.js';
