import { isLocale, type Locale } from '../../platform/i18n/index.js';

/**
 * Languages an article may be written in. zh-CN, en and ko are complete (seed content, page
 * chrome); the others can hold translations and are shown with English page chrome.
 */
export const contentLocales = ['zh-CN', 'en', 'ko', 'ja', 'ru', 'es', 'pt'] as const;
export type ContentLocale = (typeof contentLocales)[number];

export const isContentLocale = (value: unknown): value is ContentLocale =>
  typeof value === 'string' && (contentLocales as readonly string[]).includes(value);

/** Which translation to show a reader of `locale`: theirs, then English, then the other complete ones. */
export function fallbackChain(locale: string): string[] {
  return [...new Set([locale, 'en', 'zh-CN', 'ko', ...contentLocales])];
}

/** The interface language for pages in a content locale (ja, ru… get English chrome). */
export const chromeLocale = (locale: string): Locale => (isLocale(locale) ? locale : 'en');

/** Picks the best of the translations present for a reader of `locale`. */
export function pickTranslation<T extends { locale: string }>(translations: readonly T[], locale: string): T | undefined {
  for (const candidate of fallbackChain(locale)) {
    const found = translations.find((t) => t.locale === candidate);
    if (found) return found;
  }
  return translations[0];
}
