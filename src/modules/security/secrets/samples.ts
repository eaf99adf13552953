import { createHash } from 'node:crypto';
import { createBase58check } from '@scure/base';
import { entropyToMnemonic } from '@scure/bip39';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { wordlist as korean } from '@scure/bip39/wordlists/korean.js';
import { wordlist as simplifiedChinese } from '@scure/bip39/wordlists/simplified-chinese.js';
import { wordlist as traditionalChinese } from '@scure/bip39/wordlists/traditional-chinese.js';
import type { SecretKind } from './finding.js';

/**
 * Real-format secrets inside the messages users actually write (zh, en, ko), generated from a seed:
 * what the detector's recall is measured on in tests and in bench/secrets.ts. Every secret is a
 * valid one of its kind (checksummed phrases, WIF and extended keys), never a lookalike.
 */
export interface SecretSample {
  kind: SecretKind;
  secret: string;
  message: string;
}

/** Where the secret itself sits in its message (list numbering before the first word excluded). */
export function secretSpan(sample: SecretSample): { start: number; end: number } {
  const at = sample.message.indexOf(sample.secret);
  const numbering = /^\d+\.\s*/.exec(sample.secret)?.[0].length ?? 0;
  return { start: at + numbering, end: at + sample.secret.length };
}

const base58check = createBase58check((data: Uint8Array) => new Uint8Array(createHash('sha256').update(data).digest()));

function bytesFrom(seed: number): (n: number) => Uint8Array {
  let state = seed >>> 0;
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
    }
    return out;
  };
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const pick = <T>(rand: (n: number) => Uint8Array, items: readonly T[]): T => items[rand(1)[0]! % items.length]!;

const phraseLines = {
  en: ['my wallet got drained, here is my recovery phrase so you can check: {s}', 'Seed words: {s} — please help me restore', '{s}'],
  zh: ['我的钱包被盗了，助记词是：{s}，请帮我看看', '客服你好，这是我的助记词 {s}', '{s}'],
  ko: ['지갑이 털렸어요. 복구 문구는 {s} 입니다', '시드 문구 보내드립니다: {s}', '{s}'],
};

function phrases(rand: (n: number) => Uint8Array, count: number): SecretSample[] {
  const lists = [
    { list: english, lang: 'en', join: ' ' },
    { list: simplifiedChinese, lang: 'zh', join: ' ' },
    { list: simplifiedChinese, lang: 'zh', join: '' },
    { list: traditionalChinese, lang: 'zh', join: ' ' },
    { list: korean, lang: 'ko', join: ' ' },
  ] as const;
  const out: SecretSample[] = [];
  for (let i = 0; i < count; i++) {
    const { list, lang, join } = lists[i % lists.length]!;
    // As typed: precomposed Hangul (the Korean list is stored decomposed).
    const words = entropyToMnemonic(rand(pick(rand, [16, 20, 24, 28, 32])), list).normalize('NFC').split(' ');
    // People paste them numbered, on lines, or with commas as often as with single spaces.
    const style = i % 4;
    const secret = join === '' ? words.join('') : style === 1 ? words.map((w, k) => `${k + 1}. ${w}`).join('\n') : style === 2 ? words.join(', ') : words.join(' ');
    out.push({ kind: 'seed_phrase', secret, message: pick(rand, phraseLines[lang]).replace('{s}', () => secret) });
  }
  return out;
}

function keys(rand: (n: number) => Uint8Array, count: number): SecretSample[] {
  const out: SecretSample[] = [];
  const hexLines = ['my private key is {s}', '私钥：{s} 请帮我转出', '개인키 {s} 확인 부탁드립니다', 'Here is the privkey {s}', 'MetaMask 导出的私钥是 {s}'];
  const wifLines = ['Imported this WIF: {s}', '私钥 {s}', '{s}', '개인키는 {s} 입니다'];
  const xprvLines = ['my xprv is {s}', '{s}', '扩展私钥 {s}', '확장 개인키: {s}'];
  const apiLines = ['API secret: {s}', 'my api key={s}', 'API 密钥是 {s}', '시크릿 키: {s}', 'secret key {s} please check why orders fail'];
  for (let i = 0; i < count; i++) {
    const key = rand(32);
    out.push({ kind: 'private_key', secret: (i % 3 === 0 ? '0x' : '') + hex(key), message: pick(rand, hexLines).replace('{s}', () => (i % 3 === 0 ? '0x' : '') + hex(key)) });
    const version = i % 2 ? 0x80 : 0xef;
    const wif = base58check.encode(Uint8Array.from([version, ...key, ...(i % 3 ? [0x01] : [])]));
    out.push({ kind: 'private_key', secret: wif, message: pick(rand, wifLines).replace('{s}', () => wif) });
    const prefix = pick(rand, [[0x04, 0x88, 0xad, 0xe4], [0x04, 0x9d, 0x78, 0x78], [0x04, 0xb2, 0x43, 0x0c], [0x04, 0x35, 0x83, 0x94]]);
    const xprv = base58check.encode(Uint8Array.from([...prefix, ...rand(9), ...rand(32), 0, ...key]));
    out.push({ kind: 'extended_private_key', secret: xprv, message: pick(rand, xprvLines).replace('{s}', () => xprv) });
    const api = i % 2 ? hex(rand(32)) : Buffer.from(rand(30)).toString('base64').replace(/[+/=]/g, 'x');
    out.push({ kind: 'api_secret', secret: api, message: pick(rand, apiLines).replace('{s}', () => api) });
  }
  return out;
}

function credentials(rand: (n: number) => Uint8Array, count: number): SecretSample[] {
  const out: SecretSample[] = [];
  const passwordLines = ['my password is {s} and I still cannot log in', '登录密码是{s}，帮我看看为什么登不上', '비밀번호는 {s} 입니다', 'Password: {s}', '资金密码 {s}'];
  const codeLines = ['the SMS code is {s}', '验证码 {s}', '인증번호 {s} 입력했는데 안 돼요', 'Google Authenticator code: {s}', '谷歌验证码是{s}', 'my 2FA code {s} keeps failing'];
  const chars = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!@#$%';
  for (let i = 0; i < count; i++) {
    const length = 8 + (rand(1)[0]! % 8);
    let password = Array.from(rand(length), (b) => chars[b % chars.length]).join('');
    if (!/\d/.test(password)) password += String(rand(1)[0]! % 10);
    out.push({ kind: 'password', secret: password, message: pick(rand, passwordLines).replace('{s}', () => password) });
    const code = String(100000 + ((rand(1)[0]! * 3917 + i * 7919) % 900000));
    out.push({ kind: 'one_time_code', secret: code, message: pick(rand, codeLines).replace('{s}', () => code) });
  }
  return out;
}

/** `perKind` samples of each kind (phrases across five wordlist styles), deterministic for `seed`. */
export function secretSamples(perKind = 100, seed = 1): SecretSample[] {
  const rand = bytesFrom(seed);
  return [...phrases(rand, perKind), ...keys(rand, perKind), ...credentials(rand, perKind)];
}
