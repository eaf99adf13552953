import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import en from './messages/en.json';
import ko from './messages/ko.json';
import zhCN from './messages/zh-CN.json';

/**
 * The console's three languages. Catalogues are flat JSON files kept key-for-key in step (a test
 * checks); `{name}` placeholders are filled from `vars`. The agent's choice is kept in this
 * browser and, once signed in, on the agent's profile.
 */
export const locales = ['zh-CN', 'en', 'ko'] as const;
export type Locale = (typeof locales)[number];
export type MessageKey = keyof typeof en;
export const localeNames: Record<Locale, string> = { 'zh-CN': '中文', en: 'English', ko: '한국어' };

const catalogues: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN, ko };
const STORAGE_KEY = 'ledgerdesk.console.locale';

export const isLocale = (v: unknown): v is Locale => typeof v === 'string' && (locales as readonly string[]).includes(v);

function initialLocale(): Locale {
  const stored = readStored();
  if (stored) return stored;
  for (const lang of navigator.languages ?? [navigator.language]) {
    const l = lang.toLowerCase();
    if (l.startsWith('zh')) return 'zh-CN';
    if (l.startsWith('ko')) return 'ko';
    if (l.startsWith('en')) return 'en';
  }
  return 'en';
}

function readStored(): Locale | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLocale(v) ? v : null;
  } catch {
    return null;
  }
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Translate;
  /** A label for a value from the API (status, priority, category…), or the value itself. */
  label(prefix: 'status' | 'priority' | 'category' | 'channel' | 'view' | 'sort' | 'presence' | 'chatState', value: string): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  }, []);
  const value = useMemo<I18n>(() => {
    const messages = catalogues[locale];
    const t: Translate = (key, vars) => {
      const text = messages[key] ?? en[key] ?? key;
      return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
    };
    const label: I18n['label'] = (prefix, value) => {
      const key = `${prefix}.${value}`;
      return key in messages ? messages[key as MessageKey] : value;
    };
    return { locale, setLocale, t, label };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
