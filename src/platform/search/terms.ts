import { normalize } from './normalize.js';
import { ENGLISH_STOP, KOREAN_STOP, koreanStem, stem } from './tokenize.js';

/**
 * Terms for a database full-text index (SQLite FTS5, PostgreSQL tsvector) over the same text the
 * in-memory index folds: the caller tokenizes here, the database only stores and intersects
 * terms, so both databases answer the same query with the same rows.
 *
 * - Latin words (and numbers, tx hashes, UIDs): the stemmed word; queries match it as a prefix.
 * - Han/kana: overlapping bigrams plus the run's last character (充值到账 → 充值 值到 到账 账), so
 *   a one-character query matches as a prefix of some term wherever the character stands, and a
 *   longer one as all of its bigrams.
 * - Hangul: the word, the word minus its particle (출금이 → 출금) and syllable bigrams of words of
 *   three or more syllables, so 비밀번호를 finds 비밀번호가 and 출금 finds 출금신청.
 * Function words are not indexed. Terms hold letters and digits only (no quoting hazards).
 */

/** A term the index holds; `prefix` matches every term starting with it. */
export interface QueryTerm {
  text: string;
  prefix: boolean;
}

/** Documents longer than this are indexed by their first part only (a bound on work per write). */
export const MAX_DOCUMENT_CHARS = 32_000;
const MAX_QUERY_CHARS = 256;
/** Long enough for a whole 0x-prefixed 32-byte transaction hash. */
const MAX_TERM = 100;

type RunScript = 'latin' | 'han' | 'hangul';
const SCRIPT_RUN = /(\p{Script=Han}+)|([\p{Script=Hiragana}\p{Script=Katakana}ー]+)|(\p{Script=Hangul}+)|((?:(?![\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{N}])+)/gu;

function* runs(folded: string): Generator<[RunScript, string[]]> {
  for (const m of folded.matchAll(SCRIPT_RUN)) {
    const script: RunScript = m[1] || m[2] ? 'han' : m[3] ? 'hangul' : 'latin';
    yield [script, [...m[0]]];
  }
}

const bigrams = (chars: string[]): string[] => chars.slice(0, -1).map((c, i) => c + (chars[i + 1] ?? ''));

/** A document's distinct terms, space-separated (what the search tables store). */
export function documentTerms(...texts: (string | null | undefined)[]): string {
  const out = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const [script, chars] of runs(normalize(text.slice(0, MAX_DOCUMENT_CHARS)))) {
      if (script === 'latin') {
        const word = chars.slice(0, MAX_TERM).join('');
        if (!ENGLISH_STOP.has(word)) out.add(stem(word));
      } else if (script === 'han') {
        for (const b of bigrams(chars)) out.add(b);
        out.add(chars[chars.length - 1] ?? '');
      } else {
        const word = chars.join('');
        if (KOREAN_STOP.has(word)) continue;
        out.add(word);
        const base = koreanStem(word);
        if (base) out.add(base);
        if (chars.length >= 3) for (const b of bigrams(chars)) out.add(b);
      }
    }
  }
  out.delete('');
  return [...out].join(' ');
}

/** The terms a query needs, every one of which a document must match; [] when nothing is searchable. */
export function queryTerms(query: string): QueryTerm[] {
  const terms = new Map<string, QueryTerm>();
  const add = (text: string, prefix: boolean) => {
    if (text) terms.set(`${text}${prefix ? '*' : ''}`, { text, prefix });
  };
  for (const [script, chars] of runs(normalize(query.slice(0, MAX_QUERY_CHARS)))) {
    if (script === 'latin') {
      const word = chars.slice(0, MAX_TERM).join('');
      // A lone letter as a prefix would match most of the index.
      if (!ENGLISH_STOP.has(word)) add(stem(word), word.length > 1);
    } else if (script === 'han') {
      if (chars.length === 1) add(chars[0] ?? '', true);
      else for (const b of bigrams(chars)) add(b, false);
    } else {
      const word = chars.join('');
      const base = koreanStem(word) || word;
      if (KOREAN_STOP.has(word) || KOREAN_STOP.has(base)) continue;
      const baseChars = [...base];
      if (baseChars.length <= 2) add(base, true);
      else for (const b of bigrams(baseChars)) add(b, false);
    }
  }
  return [...terms.values()];
}
