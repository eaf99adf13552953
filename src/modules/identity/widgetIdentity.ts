import { createHash } from 'node:crypto';
import { errors, importSPKI, jwtVerify, type CryptoKey, type JWTPayload } from 'jose';
import { AppError } from '../../platform/http/errors.js';

/**
 * Widget identity tokens: the exchange's backend signs a short JWT for its logged-in user
 * (`sub` = exchange UID, optional `email`, `name`, `locale`; `exp` required) and hands it to
 * the chat widget. We verify it with the key the admin configured: an HS256 shared secret, or
 * the public half of an RS256 / ES256 key pair (PEM, SPKI) so we never hold the signing key.
 */
export const identityAlgorithms = ['HS256', 'RS256', 'ES256'] as const;
export type IdentityAlgorithm = (typeof identityAlgorithms)[number];

export interface IdentityKey {
  algorithm: IdentityAlgorithm;
  /** The HS256 secret, or a PEM `-----BEGIN PUBLIC KEY-----` for RS256 / ES256. */
  key: string;
}

export interface WidgetIdentity {
  externalId: string;
  email: string | null;
  name: string | null;
  locale: string | null;
}

export type IdentityCheck = { ok: true; identity: WidgetIdentity } | { ok: false; reason: 'invalid' | 'expired' | 'not_configured' };

const MIN_SECRET = 32;
const CLOCK_TOLERANCE_S = 30;
const imported = new Map<string, Promise<CryptoKey | Uint8Array>>();

function keyMaterial(key: IdentityKey): Promise<CryptoKey | Uint8Array> {
  const cacheKey = `${key.algorithm}:${key.key}`;
  let found = imported.get(cacheKey);
  if (!found) {
    found = key.algorithm === 'HS256' ? Promise.resolve(new TextEncoder().encode(key.key)) : importSPKI(key.key, key.algorithm);
    // A bad key must not stay cached as a rejected promise forever.
    found.catch(() => imported.delete(cacheKey));
    if (imported.size > 16) imported.clear();
    imported.set(cacheKey, found);
  }
  return found;
}

/** Throws field_invalid (naming `identity.key`) unless the key can verify tokens of its algorithm. */
export async function assertUsableKey(key: IdentityKey): Promise<void> {
  if (key.algorithm === 'HS256') {
    if (key.key.length < MIN_SECRET) throw new AppError('field_invalid', `An HS256 secret needs at least ${MIN_SECRET} characters.`, 'identity.key');
    return;
  }
  try {
    await keyMaterial(key);
  } catch {
    throw new AppError('field_invalid', `Not a PEM public key (SPKI) usable for ${key.algorithm}.`, 'identity.key');
  }
}

/** A short, non-reversible label of a key, so admins can tell which one is configured. */
export const keyFingerprint = (key: IdentityKey): string => createHash('sha256').update(key.key).digest('hex').slice(0, 12);

const text = (v: unknown, max: number): string | null => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : null);

/** Verifies a widget identity token; never throws for a bad token (the caller falls back to a guest). */
export async function verifyWidgetIdentity(token: string, key: IdentityKey | null): Promise<IdentityCheck> {
  if (!key) return { ok: false, reason: 'not_configured' };
  if (token.length > 8192) return { ok: false, reason: 'invalid' };
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, await keyMaterial(key), {
      algorithms: [key.algorithm],
      requiredClaims: ['sub', 'exp'],
      clockTolerance: CLOCK_TOLERANCE_S,
    }));
  } catch (err) {
    return { ok: false, reason: err instanceof errors.JWTExpired ? 'expired' : 'invalid' };
  }
  const externalId = text(payload.sub, 128);
  if (!externalId) return { ok: false, reason: 'invalid' };
  const email = text(payload.email, 254);
  return {
    ok: true,
    identity: {
      externalId,
      email: email && /^[^\s@]+@[^\s@]+$/.test(email) ? email : null,
      name: text(payload.name, 120),
      locale: text(payload.locale, 16),
    },
  };
}
