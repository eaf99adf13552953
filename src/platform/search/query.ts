import { tokenize, type Token } from './tokenize.js';
import { normalize } from './normalize.js';

/** Queries are cut here: nobody types more, and the work per query must stay bounded. */
export const MAX_QUERY_CHARS = 256;
const MAX_QUERY_TERMS = 24;
const MAX_TYPO_EXPANSIONS = 6;
const MAX_PREFIX_EXPANSIONS = 64;
const PREFIX_POSTINGS_BUDGET = 40_000;
const PREFIX_SCAN = 400;

export const WEIGHT = { exact: 1, synonym: 0.85, stem: 0.95, typo1: 0.7, typo2: 0.5, prefix: 0.6, bigram: 0.4 } as const;

/** A weighted set of terms whose scores add up; a clause scores a doc by its best alternative. */
export interface Alternative {
  termIds: number[];
  weight: number;
}
export interface Clause {
  alternatives: Alternative[];
}
export interface QueryPlan {
  clauses: Clause[];
  /** Every term that may score, for highlighting. */
  terms: Set<string>;
}

/** What the planner needs to know about the index. */
export interface TermLookup {
  termId(term: string): number | undefined;
  df(termId: number): number;
  term(termId: number): string;
  typoTerms(term: string): { termId: number; distance: number }[];
  prefixTerms(prefix: string, scanLimit: number): number[];
}

/** Synonym groups compiled to token-term lists, indexed by every term they contain. */
export class SynonymTable {
  private readonly groups: string[][][] = [];
  private readonly byTerm = new Map<string, number[]>();

  constructor(groups: readonly (readonly string[])[]) {
    for (const group of groups) {
      const members = [...new Set(group.map((g) => normalize(g)).filter(Boolean))]
        .map((m) => memberTerms(m))
        .filter((terms) => terms.length > 0);
      if (members.length < 2) continue;
      const index = this.groups.push(members) - 1;
      for (const term of new Set(members.flat())) {
        const list = this.byTerm.get(term) ?? [];
        list.push(index);
        this.byTerm.set(term, list);
      }
    }
  }

  /** Groups with a member whose terms all occur in `terms`, with the longest such member. */
  matches(terms: ReadonlySet<string>): { members: string[][]; matched: string[] }[] {
    const candidates = new Set<number>();
    for (const t of terms) for (const g of this.byTerm.get(t) ?? []) candidates.add(g);
    const out: { members: string[][]; matched: string[] }[] = [];
    for (const g of candidates) {
      const members = this.groups[g] ?? [];
      let matched: string[] | undefined;
      for (const m of members) {
        if (m.every((t) => terms.has(t)) && (!matched || m.length > matched.length)) matched = m;
      }
      if (matched) out.push({ members, matched });
    }
    return out;
  }
}

/** A member's terms: one per word (the Korean word itself, not its derived stems and bigrams). */
function memberTerms(text: string): string[] {
  const tokens = tokenize(text).filter((t) => !t.stop);
  const out: string[] = [];
  let lastEnd = -1;
  for (const t of tokens) {
    if (t.script === 'hangul' && t.start < lastEnd) continue;
    if (t.script === 'hangul') lastEnd = t.end;
    out.push(t.term);
  }
  return [...new Set(out)];
}

/** Tokens of one written word: a Hangul eojeol with its stem and bigrams, or a single token. */
function groupUnits(tokens: Token[]): Token[][] {
  const units: Token[][] = [];
  let current: Token[] | null = null;
  let currentEnd = -1;
  for (const t of tokens) {
    if (t.script === 'hangul' && current && t.start < currentEnd) {
      current.push(t);
      continue;
    }
    current = [t];
    currentEnd = t.end;
    units.push(current);
  }
  return units;
}

export function planQuery(raw: string, index: TermLookup, synonyms: SynonymTable): QueryPlan {
  const text = raw.slice(0, MAX_QUERY_CHARS);
  let tokens = tokenize(text);
  if (tokens.some((t) => !t.stop)) tokens = tokens.filter((t) => !t.stop);
  tokens = tokens.slice(0, MAX_QUERY_TERMS * 4);
  const units = groupUnits(tokens).slice(0, MAX_QUERY_TERMS);
  const lastUnit = units[units.length - 1];
  const typingLastWord = !/\s$/.test(text);

  // A misspelled word takes part in synonym matching under its correction (withdrawl → withdrawal).
  const corrected = new Map<string, { termId: number; distance: number }>();
  const present = new Set<string>();
  for (const unit of units) {
    for (const t of unit) {
      const id = index.termId(t.term);
      present.add(t.term);
      if ((id === undefined || index.df(id) === 0) && t.script === 'latin') {
        const best = bestTypo(index, t.term);
        if (best) {
          corrected.set(t.term, best);
          present.add(index.term(best.termId));
        }
      }
    }
  }
  const resolvedOf = (t: Token): string => {
    const c = corrected.get(t.term);
    return c ? index.term(c.termId) : t.term;
  };

  const clauses: Clause[] = [];
  const terms = new Set<string>();
  const covered = new Set<string>();
  const alternative = (words: string[], weight: number): Alternative | null => {
    const ids: number[] = [];
    for (const w of words) {
      const id = index.termId(w);
      if (id !== undefined && index.df(id) > 0) ids.push(id);
    }
    // A member scores only if every word of it occurs somewhere: "copy trading" is not "trading".
    if (ids.length === 0 || ids.length < words.length) return null;
    for (const id of ids) terms.add(index.term(id));
    // The words of a multi-word member add up, softened so that it does not outweigh one-word members.
    return { termIds: ids, weight: weight / Math.sqrt(ids.length) };
  };

  const typoWeight = (distance: number): number => (distance === 1 ? WEIGHT.typo1 : WEIGHT.typo2);
  const correctedTo = new Map<string, number>();
  for (const c of corrected.values()) {
    const to = index.term(c.termId);
    correctedTo.set(to, Math.min(correctedTo.get(to) ?? 1, typoWeight(c.distance)));
  }
  for (const { members, matched } of synonyms.matches(present)) {
    const alternatives: Alternative[] = [];
    // A group reached through a typo correction scores like the correction itself.
    const certainty = Math.min(1, ...matched.map((t) => (present.has(t) && !correctedTo.has(t) ? 1 : correctedTo.get(t) ?? 1)));
    for (const m of members) {
      const alt = alternative(m, certainty * (m === matched ? WEIGHT.exact : WEIGHT.synonym));
      if (alt) alternatives.push(alt);
    }
    for (const t of matched) covered.add(t);
    if (alternatives.length) clauses.push({ alternatives });
  }

  for (const unit of units) {
    if (unit.some((t) => covered.has(resolvedOf(t)))) continue;
    const alternatives: Alternative[] = [];
    const push = (alt: Alternative | null): void => {
      if (alt) alternatives.push(alt);
    };
    const [head, ...rest] = unit;
    if (!head) continue;
    push(alternative([head.term], WEIGHT.exact));
    // Syllable bigrams only when neither the Korean word nor its stem is known (a compound such as
    // 비밀번호재설정): they cost a walk over long postings and add little to a known word.
    const known = (term: string): boolean => (index.df(index.termId(term) ?? -1) ?? 0) > 0;
    const isStem = (t: Token): boolean => t.term.length < head.term.length && t.start === head.start;
    const wordKnown = known(head.term) || rest.some((t) => isStem(t) && known(t.term));
    for (const t of rest) {
      if (isStem(t)) push(alternative([t.term], WEIGHT.stem));
      else if (!wordKnown) push(alternative([t.term], WEIGHT.bigram));
    }
    const c = corrected.get(head.term);
    if (head.script === 'latin' && index.termId(head.term) === undefined) {
      for (const typo of index.typoTerms(head.term).sort((a, b) => a.distance - b.distance || index.df(b.termId) - index.df(a.termId)).slice(0, MAX_TYPO_EXPANSIONS)) {
        push(alternative([index.term(typo.termId)], typoWeight(typo.distance)));
      }
    } else if (c) push(alternative([index.term(c.termId)], typoWeight(c.distance)));
    const prefixable = head.script === 'latin' ? head.term.length >= 2 : true;
    // Any Latin word may be cut short (a coin name half typed), even one that is a word itself.
    const typing = unit === lastUnit && typingLastWord;
    const latinWord = head.script === 'latin' && head.term.length >= 3;
    if (prefixable && (typing || latinWord || alternatives.length === 0)) {
      const surface = normalize(text.slice(head.start, head.end));
      // The shortest completions are the likeliest; among equals the commonest. Rare completions
      // (coin names) cost little, so the cap is on postings walked rather than on their number.
      const ids = index
        .prefixTerms(surface, PREFIX_SCAN)
        .filter((id) => index.term(id) !== head.term && index.df(id) > 0)
        .sort((a, b) => index.term(a).length - index.term(b).length || index.df(b) - index.df(a));
      let budget = PREFIX_POSTINGS_BUDGET;
      for (const id of ids.slice(0, MAX_PREFIX_EXPANSIONS)) {
        budget -= index.df(id);
        if (budget < 0) break;
        push(alternative([index.term(id)], WEIGHT.prefix * Math.min(1, surface.length / index.term(id).length + 0.2)));
      }
    }
    if (alternatives.length) clauses.push({ alternatives });
  }
  return { clauses, terms };
}

function bestTypo(index: TermLookup, term: string): { termId: number; distance: number } | undefined {
  let best: { termId: number; distance: number } | undefined;
  for (const c of index.typoTerms(term)) {
    if (index.df(c.termId) === 0) continue;
    if (!best || c.distance < best.distance || (c.distance === best.distance && index.df(c.termId) > index.df(best.termId))) best = c;
  }
  return best;
}
