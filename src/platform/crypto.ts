import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const sha256Hex = (value: string | Buffer): string => createHash('sha256').update(value).digest('hex');

/** 256 bits of randomness, URL-safe. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export function hmac(key: Buffer, data: string): string {
  return createHmac('sha256', key).update(data).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/**
 * A compact signed token `purpose.body.expiry.mac`; the purpose is part of the MAC so a token
 * minted for one use (a guest ticket link) can never be replayed as another.
 */
export function signToken(key: Buffer, purpose: string, body: string, ttlSeconds: number): string {
  const exp = Math.floor(Date.now() / 1000) + ttlSeconds;
  const payload = `${purpose}.${body}.${exp}`;
  return `${payload}.${hmac(key, payload)}`;
}

export function verifyToken(key: Buffer, purpose: string, token: string): string | null {
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== purpose) return null;
  const [, body, exp, mac] = parts as [string, string, string, string];
  if (!/^\d+$/.test(exp) || Number(exp) < Date.now() / 1000) return null;
  return safeEqual(mac, hmac(key, `${purpose}.${body}.${exp}`)) ? body : null;
}
