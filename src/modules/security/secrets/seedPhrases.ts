import { mnemonicToEntropy } from '@scure/bip39';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { wordlist as korean } from '@scure/bip39/wordlists/korean.js';
import { wordlist as simplifiedChinese } from '@scure/bip39/wordlists/simplified-chinese.js';
import { wordlist as traditionalChinese } from '@scure/bip39/wordlists/traditional-chinese.js';
import type { Finding } from './finding.js';

/**
 * BIP39 recovery phrases: 12–24 words of one wordlist. The English and Korean lists are words,
 * the Chinese ones single characters. A run of ≥ 12 wordlist words is a seed phrase even when its
 * checksum fails (a typo, or the user left out a word: it still opens the wallet to a thief with a
 * little search), so the checksum is only needed where ordinary text could form such a run —
 * Chinese characters written without spaces.
 */
const MIN_WORDS = 12;
const LENGTHS = new Set([12, 15, 18, 21, 24]);

const englishWords = new Set(english);
const koreanWords = new Set(korean.map((w) => w.normalize('NFC')));
const chineseChars = { simplified: new Set(simplifiedChinese), traditional: new Set(traditionalChinese) };

/** What may stand between two words of a pasted phrase: spaces, commas, list numbering ("1." "2)"), dashes. */
const GAP = /^[\s,;，、.:)(\-\d]*$/;

function runsOf(text: string, pattern: RegExp, known: (word: string) => boolean, kind: Finding['kind'], needGap = false): Finding[] {
  const out: Finding[] = [];
  let run: { start: number; end: number; count: number } | null = null;
  const close = () => {
    if (run && run.count >= MIN_WORDS) out.push({ kind, start: run.start, end: run.end });
    run = null;
  };
  for (const m of text.matchAll(pattern)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!known(m[0])) {
      close();
      continue;
    }
    const gap = run ? text.slice(run.end, start) : '';
    if (run && GAP.test(gap) && (!needGap || gap.length > 0)) {
      run.end = end;
      run.count++;
    } else {
      close();
      run = { start, end, count: 1 };
    }
  }
  close();
  return out;
}

/** Words around a pasted phrase: 助记词, seed phrase, 시드 문구… */
const PHRASE_WORDS = /(助记词|助記詞|记忆词|恢复短语|恢復短語|种子|種子|钱包|錢包|seed|mnemonic|recovery|phrase|시드|복구\s*문구|니모닉)/i;

/**
 * Chinese characters without separators: an exact-length run with a valid checksum. Ordinary
 * sentences make such a run by chance (one in 16 at 12 characters: "从别的交易所提过来没收到"
 * does, and is a whole message on its own), so one under 18 characters also needs words before
 * it that name a phrase.
 */
function chineseRuns(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(/[\u3400-\u9fff]{12,24}/g)) {
    const chars = [...m[0]];
    if (!LENGTHS.has(chars.length)) continue;
    if (chars.length < 18 && !PHRASE_WORDS.test(text.slice(Math.max(0, m.index - 30), m.index))) continue;
    for (const [name, list] of [['simplified', simplifiedChinese], ['traditional', traditionalChinese]] as const) {
      if (!chars.every((c) => chineseChars[name].has(c))) continue;
      try {
        mnemonicToEntropy(chars.join(' '), list);
        out.push({ kind: 'seed_phrase', start: m.index, end: m.index + m[0].length });
        break;
      } catch {
        // Not a checksum-valid phrase: ordinary Chinese text.
      }
    }
  }
  return out;
}

export function findSeedPhrases(text: string): Finding[] {
  // Offsets must stay those of `text`: words are matched as written and folded one by one.
  const found = [
    ...runsOf(text, /[a-zA-Z]+/g, (w) => englishWords.has(w.toLowerCase()), 'seed_phrase'),
    ...runsOf(text, /[\uac00-\ud7a3]+/g, (w) => koreanWords.has(w), 'seed_phrase'),
    // Spaced-out Chinese characters (how wallets display them): the run rule, with a separator between every two.
    ...runsOf(text, /[\u3400-\u9fff]/g, (c) => chineseChars.simplified.has(c) || chineseChars.traditional.has(c), 'seed_phrase', true),
    ...chineseRuns(text),
  ];
  return found;
}
