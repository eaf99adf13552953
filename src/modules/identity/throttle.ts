import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/index.js';
import { sha256Hex } from '../../platform/crypto.js';
import { AppError } from '../../platform/http/errors.js';
import { verifyPassword } from './passwords.js';

/**
 * Failure counters in the `rate_limits` table, so every node sees the same counts. A key
 * counts failures in a fixed window; reaching the limit locks it for `lockMs`.
 */
export interface ThrottleRule {
  limit: number;
  windowMs: number;
  lockMs: number;
}

const MINUTES_15 = 15 * 60_000;
export const loginAccountRule: ThrottleRule = { limit: 5, windowMs: MINUTES_15, lockMs: MINUTES_15 };
export const loginIpRule: ThrottleRule = { limit: 20, windowMs: MINUTES_15, lockMs: MINUTES_15 };
export const secondFactorRule: ThrottleRule = { limit: 5, windowMs: MINUTES_15, lockMs: MINUTES_15 };

// Emails are hashed so the table does not become a list of who tried which address.
export const accountKey = (email: string): string => `login:account:${sha256Hex(email.trim().toLowerCase())}`;
export const ipKey = (ip: string | null): string => `login:ip:${ip ?? 'unknown'}`;
export const secondFactorKey = (agentId: string): string => `2fa:${agentId}`;

/** Seconds until `key` unlocks, or 0 when it is not locked. */
export async function lockedFor(db: DbOrTx, key: string, now = Date.now()): Promise<number> {
  const row = await db.selectFrom('rate_limits').select('locked_until').where('key', '=', key).executeTakeFirst();
  if (!row?.locked_until) return 0;
  const left = Date.parse(row.locked_until) - now;
  return left > 0 ? Math.ceil(left / 1000) : 0;
}

/** Counts one failure atomically; returns seconds locked if this failure reached the limit, else 0. */
export async function recordFailure(db: DbOrTx, key: string, rule: ThrottleRule, now = Date.now()): Promise<number> {
  const nowIso = new Date(now).toISOString();
  const windowFloor = new Date(now - rule.windowMs).toISOString();
  const row = await db
    .insertInto('rate_limits')
    .values({ key, count: 1, window_start: nowIso, locked_until: null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        // A window that has run out starts again from this failure.
        count: sql<number>`case when rate_limits.window_start < ${windowFloor} then 1 else rate_limits.count + 1 end`,
        window_start: sql<string>`case when rate_limits.window_start < ${windowFloor} then ${nowIso} else rate_limits.window_start end`,
      }),
    )
    .returning(['count'])
    .executeTakeFirstOrThrow();
  if (row.count < rule.limit) return 0;
  const until = new Date(now + rule.lockMs).toISOString();
  await db.updateTable('rate_limits').set({ locked_until: until, count: 0, window_start: until }).where('key', '=', key).execute();
  return Math.ceil(rule.lockMs / 1000);
}

export async function resetThrottle(db: DbOrTx, key: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('key', '=', key).execute();
}

export const rateLimited = (seconds: number): AppError =>
  new AppError('rate_limited', 'Too many attempts; wait and try again.', undefined, { 'retry-after': String(Math.max(1, seconds)) });

/**
 * Re-checks a signed-in agent's password before a sensitive change (new password, turning 2FA
 * off). Wrong guesses count towards the same lock as second-factor codes, so a stolen session
 * cannot be used to guess the password either. Throws 429 while locked, 400 naming `field`.
 */
export async function confirmPassword(
  db: DbOrTx,
  agent: { id: string; password_hash: string },
  password: string,
  field: string,
  wrongMessage: string,
): Promise<void> {
  const key = secondFactorKey(agent.id);
  const locked = await lockedFor(db, key);
  if (locked) throw rateLimited(locked);
  if (await verifyPassword(password, agent.password_hash)) return;
  const lockSeconds = await recordFailure(db, key, secondFactorRule);
  if (lockSeconds) throw rateLimited(lockSeconds);
  throw new AppError('field_invalid', wrongMessage, field);
}
