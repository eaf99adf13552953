/**
 * A tiny tagged template for server-rendered pages. Every interpolated value is HTML-escaped
 * unless it is already `Html` (the output of another `html` template), so customer text can
 * never become markup. There is deliberately no "raw string" escape hatch taking arbitrary
 * input: trusted markup is built with `html` itself.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export const escapeHtml = (text: string): string => text.replace(/[&<>"'`]/g, (c) => entities[c]!);

export type Renderable = Html | string | number | boolean | null | undefined | readonly Renderable[];

function render(value: Renderable): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Renderable[]): Html {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + (strings[i + 1] ?? '');
  return new Html(out);
}

/** Plain text with line breaks kept, for message bodies (escaped first, then `<br>`). */
export const multiline = (text: string): Html => new Html(escapeHtml(text).replace(/\r?\n/g, '<br>'));

/** An attribute present only when `on` (e.g. `selected`, `hidden`). */
export const flag = (on: boolean, name: string): Html => new Html(on ? ` ${escapeHtml(name)}` : '');
