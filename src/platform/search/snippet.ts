import { scanTokens } from './tokenize.js';

const SCAN_CHARS = 20_000;
const MAX_MATCHES = 400;

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/**
 * An HTML fragment of about `width` characters of `text` around the densest cluster of matched
 * terms, each match wrapped in <mark>. Everything else is escaped: article bodies may contain
 * markup, and the result is inserted into pages as HTML.
 */
export function highlight(text: string, terms: ReadonlySet<string>, width = 160): string {
  const ranges: [number, number][] = [];
  const rangeTerms: string[] = [];
  scanTokens(
    text,
    (term, start, end) => {
      if (ranges.length < MAX_MATCHES && terms.has(term)) {
        ranges.push([start, end]);
        rangeTerms.push(term);
      }
    },
    SCAN_CHARS,
  );
  let windowStart = 0;
  let best = -1;
  for (let i = 0; i < ranges.length; i++) {
    const from = ranges[i]?.[0] ?? 0;
    const distinct = new Set<string>();
    for (let j = i; j < ranges.length && (ranges[j]?.[1] ?? 0) <= from + width; j++) distinct.add(rangeTerms[j] ?? '');
    if (distinct.size > best) {
      best = distinct.size;
      windowStart = from;
    }
  }
  // A little context before the first match, without cutting a surrogate pair.
  let start = Math.max(0, Math.min(windowStart - Math.floor(width / 5), text.length - width));
  if (start > 0 && /[\uDC00-\uDFFF]/.test(text[start] ?? '')) start--;
  let end = Math.min(text.length, start + width);
  if (end < text.length && /[\uDC00-\uDFFF]/.test(text[end] ?? '')) end++;

  let html = start > 0 ? '…' : '';
  let cursor = start;
  for (const [a, b] of mergeRanges(ranges)) {
    if (b <= start || a >= end) continue;
    const from = Math.max(a, cursor);
    const to = Math.min(b, end);
    if (from >= to) continue;
    html += `${escapeHtml(text.slice(cursor, from))}<mark>${escapeHtml(text.slice(from, to))}</mark>`;
    cursor = to;
  }
  html += escapeHtml(text.slice(cursor, end));
  if (end < text.length) html += '…';
  return html.replace(/\s+/g, ' ').trim();
}

/** Overlapping bigram matches (充值, 值未) become one highlighted run. */
function mergeRanges(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}
