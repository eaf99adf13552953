import en from './locales/en.json' with { type: 'json' };
import zhCN from './locales/zh-CN.json' with { type: 'json' };
import ko from './locales/ko.json' with { type: 'json' };
import { fillPlaceholders } from './catalogue.js';

/**
 * Customer-facing text in the languages our exchanges' users speak. Catalogues are nested JSON
 * (grouped by page) flattened to dotted keys once at load. English is the fallback, so a key
 * missing in one language shows English rather than a raw key; the catalogue test keeps the
 * three files in step so that fallback is a safety net, not a habit.
 */
export const locales = ['zh-CN', 'en', 'ko'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';

/** Each language named in itself, for language switchers. */
export const localeNames: Record<Locale, string> = { 'zh-CN': '中文', en: 'English', ko: '한국어' };

export type MessageVars = Record<string, string | number>;

interface Catalogue {
  [key: string]: string | Catalogue;
}

function flatten(tree: Catalogue, prefix = '', into = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') into.set(path, value);
    else flatten(value, path, into);
  }
  return into;
}

const catalogues: Record<Locale, Map<string, string>> = {
  'zh-CN': flatten(zhCN as Catalogue),
  en: flatten(en as Catalogue),
  ko: flatten(ko as Catalogue),
};

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (locales as readonly string[]).includes(value);

export const hasMessage = (locale: Locale, key: string): boolean => catalogues[locale].has(key);

/** Every key of one catalogue (tests compare them across languages). */
export const messageKeys = (locale: Locale): string[] => [...catalogues[locale].keys()];

/**
 * The message for `key` in `locale` (falling back to English, then to the key itself so a
 * missing string is visible rather than blank), with `{name}` placeholders filled from `vars`.
 */
export function t(locale: Locale, key: string, vars?: MessageVars): string {
  const template = catalogues[locale].get(key) ?? catalogues[defaultLocale].get(key) ?? key;
  if (!vars) return template;
  return fillPlaceholders(template, vars);
}
