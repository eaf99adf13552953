import type { Locale } from '../../platform/i18n/index.js';

/**
 * Canned-response text with placeholders: `{{customer.name}}`, or with a fallback for when the
 * value is unknown, `{{customer.name | 用户}}`. Agents write these; the server fills them in for
 * one ticket, so the console and the API render a response the same way.
 */
export const variables = ['customer.name', 'customer.email', 'customer.uid', 'ticket.number', 'ticket.subject', 'agent.name'] as const;
export type Variable = (typeof variables)[number];
export type TemplateValues = Partial<Record<Variable, string | null>>;

const PLACEHOLDER = /\{\{\s*([a-z]+\.[a-zA-Z]+)\s*(?:\|\s*([^}]*?)\s*)?\}\}/g;

const isVariable = (name: string): name is Variable => (variables as readonly string[]).includes(name);

/** The placeholders in `text` that are not variables, so an editor can be told before saving. */
export function unknownVariables(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((name) => !isVariable(name));
}

export interface Rendered {
  text: string;
  /** Variables without a value or a fallback: the agent should fill these in by hand. */
  missing: Variable[];
}

export function renderTemplate(text: string, values: TemplateValues): Rendered {
  const missing = new Set<Variable>();
  const out = text.replace(PLACEHOLDER, (whole, name: string, fallback: string | undefined) => {
    if (!isVariable(name)) return whole;
    const value = values[name]?.trim();
    if (value) return value;
    if (fallback !== undefined) return fallback;
    missing.add(name);
    return '';
  });
  return { text: out, missing: [...missing] };
}

/** The text for `locale`, else English, else whichever exists: a reply in some language beats none. */
export function pickLocale(bodies: Partial<Record<Locale, string>>, locale: Locale): { locale: Locale; text: string } {
  for (const l of [locale, 'en', 'zh-CN', 'ko'] as const) {
    const text = bodies[l];
    if (text) return { locale: l, text };
  }
  throw new Error('a canned response has at least one body');
}
