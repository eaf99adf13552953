import { domainToASCII, domainToUnicode } from 'node:url';

/**
 * "Is this really you?" — a URL, email address, Telegram or X handle, or phone number checked
 * against the exchange's registry of official channels. Scammers register names one letter off
 * (bitqet.com), add words (bitget-support.com, @Bitget_Support_Official) or swap in lookalike
 * letters from other scripts (bіtget.com with a Cyrillic і), so anything close to an official name
 * without being it is reported as an impersonation, not merely "unknown".
 */
export const channelKinds = ['domain', 'email', 'telegram', 'x', 'phone'] as const;
export type ChannelKind = (typeof channelKinds)[number];

export interface OfficialChannel {
  kind: ChannelKind;
  /** Normalised (see `normaliseChannel`). An email entry may be a whole domain: `@example.com`. */
  value: string;
  label: string;
}

export type Verdict = 'official' | 'impersonation' | 'unknown';

export interface CheckResult {
  verdict: Verdict;
  kind: ChannelKind | null;
  /** What was checked, normalised (host name, address, handle, digits). */
  checked: string;
  /** The official entry it is, or the one it imitates. */
  match: OfficialChannel | null;
}

/** Letters from other scripts that pass for Latin ones in a URL or handle. */
const CONFUSABLES: Record<string, string> = {
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', һ: 'h', ԁ: 'd', ɡ: 'g', ı: 'i', ո: 'n', ս: 'u', ν: 'v', ο: 'o', ρ: 'p', τ: 't', α: 'a',
  '0': 'o', '1': 'l', '3': 'e', '5': 's', '|': 'l',
};
const skeleton = (s: string) => [...s.normalize('NFKC').toLowerCase()].map((c) => CONFUSABLES[c] ?? c).join('').replace(/rn/g, 'm').replace(/vv/g, 'w');

export function normaliseChannel(kind: ChannelKind, raw: string): string {
  const v = raw.trim();
  switch (kind) {
    case 'domain':
      return hostOf(v) ?? v.toLowerCase();
    case 'email':
      return v.toLowerCase().replace(/^mailto:/, '');
    case 'telegram':
    case 'x':
      return handleOf(v) ?? v.toLowerCase().replace(/^@/, '');
    case 'phone':
      return phoneOf(v) ?? v;
  }
}

function hostOf(v: string): string | null {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? v : `https://${v}`;
  try {
    const host = new URL(withScheme).hostname.replace(/\.$/, '');
    if (!host.includes('.')) return null;
    // Keep Unicode visible for the skeleton check, compare in ASCII (punycode) otherwise.
    return domainToASCII(host) || host;
  } catch {
    return null;
  }
}

function handleOf(v: string): string | null {
  const fromUrl = /^(?:https?:\/\/)?(?:www\.)?(?:t\.me|telegram\.me|x\.com|twitter\.com)\/@?([A-Za-z0-9_]{3,32})/i.exec(v);
  if (fromUrl) return fromUrl[1]!.toLowerCase();
  const at = /^@?([A-Za-z0-9_]{3,32})$/.exec(v);
  return at ? at[1]!.toLowerCase() : null;
}

function phoneOf(v: string): string | null {
  if (!/^[+\d][\d\s().-]{5,24}$/.test(v)) return null;
  const digits = v.replace(/\D/g, '');
  return digits.length >= 6 ? `${v.trim().startsWith('+') ? '+' : ''}${digits}` : null;
}

/** Which kind of thing the user pasted. A bare handle could be either app: it is checked as both. */
export function classify(raw: string): { kind: ChannelKind; value: string }[] {
  const v = raw.trim();
  if (/^(mailto:)?[^\s@]+@[^\s@]+\.[^\s@]+$/i.test(v)) return [{ kind: 'email', value: normaliseChannel('email', v) }];
  if (/(^|\/\/|www\.)(t\.me|telegram\.me)\//i.test(v)) return [{ kind: 'telegram', value: normaliseChannel('telegram', v) }];
  if (/(^|\/\/|www\.)(x\.com|twitter\.com)\//i.test(v)) return [{ kind: 'x', value: normaliseChannel('x', v) }];
  const phone = phoneOf(v);
  if (phone) return [{ kind: 'phone', value: phone }];
  if (/^@[A-Za-z0-9_]{3,32}$/.test(v) || /^[A-Za-z0-9_]{3,32}$/.test(v) && !v.includes('.')) {
    const handle = normaliseChannel('telegram', v);
    return [{ kind: 'telegram', value: handle }, { kind: 'x', value: handle }];
  }
  const host = hostOf(v);
  return host ? [{ kind: 'domain', value: host }] : [];
}

/** Levenshtein distance, stopping early past `max`. */
function within(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, row[j]!);
    }
    if (best > max) return false;
    prev = row;
  }
  return prev[b.length]! <= max;
}

/** The registrable name of a host (bitget.com → bitget; support.bitget.co.kr → bitget). */
const brandOf = (host: string) => {
  const labels = host.split('.');
  const secondLevel = labels.length > 2 && /^(co|com|net|org|or|ac|go)$/.test(labels[labels.length - 2]!);
  return labels[labels.length - (secondLevel ? 3 : 2)] ?? host;
};

/**
 * Does `candidate` imitate `official`: the same name a letter or two off (or in lookalike letters),
 * or the official name anywhere inside it (ledgerx-support.com, ledgerx.com.verify-account.io)?
 */
function imitates(candidate: { name: string; whole: string }, official: string): boolean {
  const o = skeleton(official);
  if (o.length < 3) return false;
  const c = skeleton(candidate.name);
  const whole = skeleton(candidate.whole).replace(/[^a-z0-9]/g, '');
  return c === o || within(c, o, o.length >= 6 ? 2 : 1) || whole.includes(o.replace(/[^a-z0-9]/g, '')) || (coreOf(o).length >= 4 && whole.includes(coreOf(o)));
}

/** Handles carry filler words impostors reshuffle (@Brand_Official → @Brand_Support_Official): the brand is the core. */
const FILLER = new Set(['official', 'officials', 'support', 'help', 'helpdesk', 'service', 'services', 'team', 'admin', 'cs', 'care', 'global', 'app', 'news', 'announcements', 'kr', 'cn', 'en', 'ko', 'zh']);
const coreOf = (name: string) => name.split(/[^a-z0-9]+/).filter((w) => w && !FILLER.has(w)).join('');

export function checkChannel(raw: string, registry: readonly OfficialChannel[]): CheckResult {
  const candidates = classify(raw);
  if (candidates.length === 0) return { verdict: 'unknown', kind: null, checked: raw.trim().slice(0, 200), match: null };
  for (const { kind, value } of candidates) {
    const official = registry.find((e) => e.kind === kind && isOfficial(kind, value, e.value));
    if (official) return { verdict: 'official', kind, checked: value, match: official };
  }
  for (const { kind, value } of candidates) {
    // A number one digit off a hotline is just another number: phones are official or unknown.
    if (kind === 'phone') continue;
    const imitated = registry.find((e) => sameFamily(kind, e.kind) && imitates(nameOf(kind, value), nameOf(e.kind, e.value).name));
    if (imitated) return { verdict: 'impersonation', kind, checked: value, match: imitated };
  }
  const first = candidates[0]!;
  return { verdict: 'unknown', kind: first.kind, checked: first.value, match: null };
}

function isOfficial(kind: ChannelKind, value: string, entry: string): boolean {
  switch (kind) {
    case 'domain':
      return value === entry || value.endsWith(`.${entry}`);
    case 'email':
      return entry.startsWith('@') ? value.endsWith(entry) : value === entry;
    default:
      return value === entry;
  }
}

/** Websites and email addresses imitate each other's names; so do the two apps' handles. */
const sameFamily = (a: ChannelKind, b: ChannelKind) =>
  a === b || (['domain', 'email'].includes(a) && ['domain', 'email'].includes(b)) || (['telegram', 'x'].includes(a) && ['telegram', 'x'].includes(b));

/** The name to compare and the whole it sits in; host names as a reader sees them (Unicode). */
function nameOf(kind: ChannelKind, value: string): { name: string; whole: string } {
  if (kind !== 'domain' && kind !== 'email') return { name: value, whole: value };
  const host = kind === 'email' ? value.replace(/^.*@/, '') : value;
  const seen = domainToUnicode(host) || host;
  return { name: brandOf(seen), whole: seen };
}
