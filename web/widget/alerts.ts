import type { WidgetStrings } from './locales.js';

/**
 * What the secret screening did to the customer's chat, in words: the server stores a secret as
 * `[redacted:<kind>]` and answers with a system message (`meta.secretWarning`: the kinds) saying
 * why and what to do. The widget shows that message as an alert, not a grey status line, and the
 * placeholder in the customer's own message as "removed: recovery phrase" in their language.
 */
export type BodyPart = { text: string } | { removed: string };

const TOKEN = /\[redacted:([a-z_]+)\]/g;

export function bodyParts(body: string, s: WidgetStrings): BodyPart[] {
  const parts: BodyPart[] = [];
  let at = 0;
  for (const m of body.matchAll(TOKEN)) {
    if (m.index > at) parts.push({ text: body.slice(at, m.index) });
    const kind = m[1] as keyof WidgetStrings['secret'];
    parts.push({ removed: `${s.removed} ${s.secret[kind] ?? m[1]}` });
    at = m.index + m[0].length;
  }
  if (at < body.length) parts.push({ text: body.slice(at) });
  return parts;
}

/** The alert's headline and advice when this is the server's warning about a redaction; else null. */
export function securityAlert(meta: Record<string, unknown>, s: WidgetStrings): { title: string; actions: string; kinds: string[] } | null {
  if (!Array.isArray(meta.secretWarning) || meta.secretWarning.length === 0) return null;
  const kinds = [...new Set(meta.secretWarning.map((k) => s.secret[String(k) as keyof WidgetStrings['secret']] ?? String(k)))];
  return { title: s.alertTitle, actions: s.alertActions, kinds };
}
