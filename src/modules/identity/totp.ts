import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import { hmac } from '../../platform/crypto.js';

/**
 * TOTP secrets are stored encrypted (AES-256-GCM) under a key derived from the instance
 * secret, so a copy of the database alone cannot mint codes.
 */
const ISSUER = 'LedgerDesk';
const PERIOD = 30;

function boxKey(secret: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'ledgerdesk/totp-secret/v1', 32));
}

export function sealSecret(secret: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', boxKey(secret), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

export function openSecret(secret: Buffer, sealed: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || !body) throw new Error('unknown TOTP secret format');
  const decipher = createDecipheriv('aes-256-gcm', boxKey(secret), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

function totpFor(base32: string, label = ''): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: OTPAuth.Secret.fromBase32(base32) });
}

export const otpauthUri = (base32: string, email: string): string => totpFor(base32, email).toString();

/**
 * Checks a 6-digit code within ±1 step and returns the step it matched, or null. A step at or
 * before `lastStep` is refused: each code works once, even inside its 90-second window.
 */
export function matchTotp(base32: string, code: string, lastStep: number | null, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(base32).validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(now / 1000 / PERIOD) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}

const RECOVERY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** `XXXXX-XXXXX-XXXXX`: 75 random bits, no look-alike characters. */
export function newRecoveryCode(): string {
  const bytes = randomBytes(15);
  const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b & 31]);
  return [chars.slice(0, 5), chars.slice(5, 10), chars.slice(10, 15)].map((c) => c.join('')).join('-');
}

export const normaliseRecoveryCode = (code: string): string => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** Keyed hash: recovery codes are high-entropy, so HMAC is enough and needs no per-code salt. */
export const hashRecoveryCode = (secret: Buffer, code: string): string => hmac(secret, `recovery.${normaliseRecoveryCode(code)}`);

export const looksLikeTotp = (code: string): boolean => /^\d{6}$/.test(code.trim());
