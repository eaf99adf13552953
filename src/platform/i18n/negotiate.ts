import { defaultLocale, isLocale, locales, type Locale } from './messages.js';

/** Remembers an explicit language choice across pages and visits. */
export const LOCALE_COOKIE = 'ld_lang';

/**
 * Maps a BCP 47 tag to a supported locale. Any Chinese variant goes to zh-CN (the only Chinese
 * catalogue we have; a zh-TW reader still prefers it to English), any Korean to ko, any
 * English to en.
 */
export function matchLocale(tag: string | undefined | null): Locale | null {
  if (!tag) return null;
  const lower = tag.trim().toLowerCase();
  if (!lower) return null;
  const exact = locales.find((l) => l.toLowerCase() === lower);
  if (exact) return exact;
  const primary = lower.split(/[-_]/)[0];
  if (primary === 'zh') return 'zh-CN';
  if (primary === 'ko') return 'ko';
  if (primary === 'en') return 'en';
  return null;
}

/** The languages of an Accept-Language header, best first (q=0 entries dropped). */
export function parseAcceptLanguage(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      const weight = q === undefined ? 1 : Number(q);
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.tag && entry.tag !== '*' && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((entry) => entry.tag);
}

export interface LocaleSources {
  /** `?lang=` — an explicit choice on this request. */
  query?: string | undefined;
  /** The `ld_lang` cookie — an earlier explicit choice. */
  cookie?: string | undefined;
  /** The browser's preference. */
  acceptLanguage?: string | undefined;
}

/** Explicit choice first, then a remembered one, then the browser's; English when none fits. */
export function negotiateLocale(sources: LocaleSources): Locale {
  const chosen = matchLocale(sources.query) ?? matchLocale(sources.cookie);
  if (chosen) return chosen;
  for (const tag of parseAcceptLanguage(sources.acceptLanguage)) {
    const match = matchLocale(tag);
    if (match) return match;
  }
  return defaultLocale;
}

export { isLocale };
