import { createHash } from 'node:crypto';
import { createBase58check } from '@scure/base';
import type { Finding } from './finding.js';

const base58check = createBase58check((data: Uint8Array) => new Uint8Array(createHash('sha256').update(data).digest()));

function decodes(text: string): Uint8Array | null {
  try {
    return base58check.decode(text);
  } catch {
    return null;
  }
}

/** Words that say the next value is a key or secret, in the languages our users write. */
const KEY_WORDS = /(private\s*key|priv\s*key|privkey|secret|私钥|私鑰|密钥|密鑰|秘钥|개인\s*키|프라이빗\s*키|비밀\s*키|시크릿)/i;
/** Words that say a hex value is a transaction: the product's everyday input, never redacted. */
const TX_WORDS = /(tx|txid|hash|transaction|交易|哈希|充值|提币|提幣|트랜잭션|해시|입금|출금)/i;

/**
 * A 64-hex-digit value is a private key *or* a transaction hash, and transaction hashes are what
 * users are asked for all day. So it counts as a key only when the words just before it say so
 * (and do not speak of a transaction); a bare one is taken for a transaction hash.
 */
function hexKeys(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(/(?<![0-9a-fA-F])(?:0x)?[0-9a-fA-F]{64}(?![0-9a-fA-F])/g)) {
    const before = text.slice(Math.max(0, m.index - 48), m.index);
    if (KEY_WORDS.test(before) && !TX_WORDS.test(before.slice(-24))) out.push({ kind: 'private_key', start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Wallet Import Format: base58check of 0x80/0xef + 32 bytes (+ 0x01 compressed). The checksum makes it certain. */
function wifKeys(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(/(?<![1-9A-HJ-NP-Za-km-z])[59KLc][1-9A-HJ-NP-Za-km-z]{50,51}(?![1-9A-HJ-NP-Za-km-z])/g)) {
    const bytes = decodes(m[0]);
    if (bytes && (bytes[0] === 0x80 || bytes[0] === 0xef) && (bytes.length === 33 || (bytes.length === 34 && bytes[33] === 0x01))) {
      out.push({ kind: 'private_key', start: m.index, end: m.index + m[0].length });
    }
  }
  return out;
}

/**
 * BIP32 extended private keys (xprv, yprv, zprv, tprv and the multisig Yprv/Zprv…): the whole
 * wallet tree. Redacted on their shape alone, checksum or not: a mistyped one still gives most away.
 * Extended *public* keys (xpub) are not secrets and stay.
 */
function extendedKeys(text: string): Finding[] {
  return [...text.matchAll(/(?<![1-9A-HJ-NP-Za-km-z])[xyztuvXYZUV]prv[1-9A-HJ-NP-Za-km-z]{100,112}(?![1-9A-HJ-NP-Za-km-z])/g)].map((m) => ({
    kind: 'extended_private_key' as const,
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/**
 * Exchange API secrets: a long random token right after words naming it ("API secret: …",
 * "secret key=…", "API 密钥是 …", "시크릿 키: …"). API *keys* are redacted too when pasted with
 * such words: a key and a secret usually travel together.
 */
function apiSecrets(text: string): Finding[] {
  const out: Finding[] = [];
  const pattern = /(api[\s_-]?(?:secret|key)|secret[\s_-]?key|secret|apisecret|api\s*密钥|api\s*密鑰|密钥|秘钥|시크릿\s*키|api\s*키|비밀\s*키)\s*(?:is|was|=|:|：|是|为|는|은|:)?\s*["'`]?([A-Za-z0-9+/_=-]{16,128})/gi;
  for (const m of text.matchAll(pattern)) {
    const token = m[2]!;
    // Something random, not a word: needs a digit, and letters too unless it is long hex.
    if (!/\d/.test(token) || (!/[A-Za-z]/.test(token) && token.length < 32)) continue;
    const start = m.index + m[0].length - token.length;
    out.push({ kind: 'api_secret', start, end: start + token.length });
  }
  return out;
}

export function findKeys(text: string): Finding[] {
  return [...hexKeys(text), ...wifKeys(text), ...extendedKeys(text), ...apiSecrets(text)];
}
