/** Fills `{name}` placeholders from `vars`; a placeholder without a value stays visible. */
export const fillPlaceholders = (template: string, vars: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));

/**
 * A module's own short catalogue in the three languages (a channel's notices, its notes for
 * agents), read in the language nearest the asked one: any Chinese → zh-CN, Korean → ko, else en.
 */
export function textCatalogue<K extends string>(catalogues: { en: Record<K, string>; 'zh-CN': Record<K, string>; ko: Record<K, string> }) {
  return (locale: string | null | undefined, key: K, vars: Record<string, string | number> = {}): string => {
    const catalogue = locale?.startsWith('zh') ? catalogues['zh-CN'] : locale === 'ko' ? catalogues.ko : catalogues.en;
    return fillPlaceholders(catalogue[key], vars);
  };
}

export type WrittenLocale = 'en' | 'zh-CN' | 'ko';

/**
 * Exactly one of the three languages or English — for text kept as it was first written (ticket
 * notes, emails, security messages), where a zh-TW reader gets English rather than simplified Chinese.
 */
export const exactLocale = (locale: string | null | undefined): WrittenLocale => (locale === 'zh-CN' || locale === 'ko' ? locale : 'en');
