import { foldCodePoint } from './normalize.js';

/**
 * Script-aware tokenization for zh, ja, ko and Latin text in one string.
 *
 * ICU-style word segmentation splits 充值 into 充|值, so Han text is indexed as overlapping
 * character bigrams (充值未到账 → 充值 值未 未到 到账): whole words match as units and any
 * two-character fragment still matches. Korean words carry particles (입금이, 입금을), so each
 * eojeol yields the word, the word minus its particle/ending, and its syllable bigrams.
 */

export type Script = 'latin' | 'han' | 'hangul' | 'kana';

export interface Token {
  term: string;
  /** Offsets into the original (unfolded) text, for snippets. */
  start: number;
  end: number;
  script: Script;
  /** A function word; indexed nowhere, kept in queries only when nothing else is left. */
  stop: boolean;
}

/** `surface` is the folded word before stemming (the same as `term` outside Latin script). */
export type Emit = (term: string, start: number, end: number, script: Script, stop: boolean, surface: string) => void;

const MAX_WORD = 40;

export const ENGLISH_STOP: ReadonlySet<string> = new Set(
  ('a an and are as at be been but by can could did do does for from had has have how i if in into is it its ' +
    'me my no not of on or our so than that the their them then there these they this to too was we were what ' +
    'when where which who why will with would you your yet still already just please help')
    .split(' '),
);
export const KOREAN_STOP: ReadonlySet<string> = new Set(['안', '좀', '왜', '제', '내', '수', '것', '등', '및', '어떻게', '뭐', '이', '그', '저']);

// Longest first: particles and the polite endings of colloquial questions (입금이 안 돼요).
const KOREAN_SUFFIXES = [
  '에서는', '으로는', '했어요', '됐어요', '되나요', '인가요', '했는데', '하는데', '에서', '으로', '이요', '해요', '돼요',
  '나요', '하기', '하는', '하고', '까지', '부터', '에게', '한테', '이나', '이랑', '은', '는', '이', '가', '을', '를', '에', '의',
  '도', '로', '와', '과', '만', '요',
];

/** Light English stemming: plural, -ing, -ed, final e; the same on both sides is all it needs. */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3 || !/^[a-z]+$/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(?:[sxz]|ch|sh)es$/.test(w) && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length >= 6) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length >= 5) w = undouble(w.slice(0, -2));
  if (w.endsWith('e') && w.length >= 5) w = w.slice(0, -1);
  return w;
}

function undouble(w: string): string {
  const n = w.length;
  return n >= 3 && w[n - 1] === w[n - 2] && !/[aeioulsz]/.test(w[n - 1] ?? '') ? w.slice(0, -1) : w;
}

/** The Korean word minus its trailing particle or ending, or '' when nothing is stripped. */
export function koreanStem(word: string): string {
  for (const suffix of KOREAN_SUFFIXES) {
    if (word.length > suffix.length && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  }
  return '';
}

type CharClass = Script | 'mark' | 'sep';

function classify(cp: number): CharClass {
  if (cp < 0x80) {
    if ((cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39)) return 'latin';
    return 'sep';
  }
  if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x20000 && cp <= 0x2ebef) || (cp >= 0xf900 && cp <= 0xfaff)) return 'han';
  if ((cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0x1100 && cp <= 0x11ff) || (cp >= 0x3130 && cp <= 0x318f)) return 'hangul';
  if ((cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x31f0 && cp <= 0x31ff)) return 'kana';
  const c = String.fromCodePoint(cp);
  if (/\p{M}/u.test(c)) return 'mark';
  if (/[\p{L}\p{N}]/u.test(c)) return 'latin';
  return 'sep';
}

const classCache = new Map<number, CharClass>();
function charClass(cp: number): CharClass {
  if (cp < 0x80) return classify(cp);
  let c = classCache.get(cp);
  if (c === undefined) {
    c = classify(cp);
    if (classCache.size < 65_536) classCache.set(cp, c);
  }
  return c;
}

/**
 * Streams the tokens of `text` to `emit` without allocating token objects (indexing 100k
 * articles calls this millions of times). `maxChars` bounds the work on hostile input.
 */
export function scanTokens(text: string, emit: Emit, maxChars = Number.POSITIVE_INFINITY): void {
  const limit = Math.min(text.length, maxChars);
  let runScript: Script | null = null;
  let chars: string[] = [];
  let starts: number[] = [];
  let ends: number[] = [];

  const flush = (): void => {
    if (runScript !== null && chars.length > 0) emitRun(runScript, chars, starts, ends, emit);
    runScript = null;
    chars = [];
    starts = [];
    ends = [];
  };

  for (let i = 0; i < limit; ) {
    const cp = text.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    const folded = foldCodePoint(cp);
    for (let j = 0; j < folded.length; ) {
      const fcp = folded.codePointAt(j) ?? 0;
      const fch = String.fromCodePoint(fcp);
      j += fch.length;
      const cls = charClass(fcp);
      if (cls === 'mark') continue;
      if (cls === 'sep') {
        flush();
        continue;
      }
      if (cls !== runScript) flush();
      runScript = cls;
      chars.push(fch);
      starts.push(i);
      ends.push(i + width);
    }
    if (folded.length === 0 && charClass(cp) === 'sep') flush();
    i += width;
  }
  flush();
}

function emitRun(script: Script, chars: string[], starts: number[], ends: number[], emit: Emit): void {
  const n = chars.length;
  const start = starts[0] ?? 0;
  const end = ends[n - 1] ?? start;
  if (script === 'latin') {
    const word = chars.slice(0, MAX_WORD).join('');
    emit(stem(word), start, end, script, ENGLISH_STOP.has(word), word);
    return;
  }
  if (script === 'hangul') {
    const word = chars.join('');
    const stop = KOREAN_STOP.has(word);
    emit(word, start, end, script, stop, word);
    const base = koreanStem(word);
    if (base && base !== word) emit(base, start, ends[base.length - 1] ?? end, script, KOREAN_STOP.has(base), base);
    if (n >= 3) emitBigrams(chars, starts, ends, script, emit);
    return;
  }
  if (n === 1) {
    emit(chars[0] ?? '', start, end, script, false, chars[0] ?? '');
    return;
  }
  emitBigrams(chars, starts, ends, script, emit);
}

function emitBigrams(chars: string[], starts: number[], ends: number[], script: Script, emit: Emit): void {
  for (let k = 0; k + 1 < chars.length; k++) {
    const bigram = `${chars[k] ?? ''}${chars[k + 1] ?? ''}`;
    emit(bigram, starts[k] ?? 0, ends[k + 1] ?? 0, script, false, bigram);
  }
}

/** Tokens of `text` as objects, duplicates included, in order. */
export function tokenize(text: string, maxChars?: number): Token[] {
  const out: Token[] = [];
  scanTokens(text, (term, start, end, script, stop) => out.push({ term, start, end, script, stop }), maxChars);
  return out;
}
