import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/index.js';
import { nowIso } from '../db/ids.js';
import { sha256Hex } from '../crypto.js';
import { AppError } from './errors.js';

/**
 * `Idempotency-Key` support for creates. The (scope, key) row is inserted BEFORE the work runs,
 * so of two racing retries exactly one does the work; the other sees "in progress" or, once
 * done, the stored response. Keys live 24 hours.
 */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;
const TTL_MS = 24 * 3600_000;
/** An in-progress row this old belongs to a request that died (crash, restart): take it over. */
const ABANDONED_MS = 60_000;
const IN_PROGRESS = 0;

export interface IdempotentResult {
  status: number;
  body: unknown;
}

export interface IdempotencyOptions {
  db: Db;
  /** Extra request content not in `request.body` (e.g. sha256 of uploaded files). */
  fingerprint?: string;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function requestHash(request: FastifyRequest, fingerprint: string): string {
  const path = request.url.split('?')[0];
  return sha256Hex(`${request.method} ${path}\n${canonical(request.body)}\n${fingerprint}`);
}

let lastSweep = 0;
async function sweepExpired(db: Db): Promise<void> {
  if (Date.now() - lastSweep < 60_000) return;
  lastSweep = Date.now();
  await db.deleteFrom('idempotency_keys').where('created_at', '<', new Date(Date.now() - TTL_MS).toISOString()).execute();
}

/** The key from the header, or undefined; 400 naming the header when it is malformed. */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const raw = request.headers[IDEMPOTENCY_HEADER];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !KEY_FORMAT.test(raw)) {
    throw new AppError('field_invalid', 'Idempotency-Key must be 1–255 visible ASCII characters.', 'Idempotency-Key');
  }
  return raw;
}

/** Claims (scope, key); returns a stored response to replay, or null when this request should do the work. */
async function claim(db: Db, scope: string, key: string, hash: string): Promise<IdempotentResult | null> {
  const now = nowIso();
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({ scope, key, request_hash: hash, status_code: IN_PROGRESS, response_body: '', created_at: now })
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return null;

  const row = await db.selectFrom('idempotency_keys').selectAll().where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
  if (!row) return claim(db, scope, key, hash); // deleted in between (expired or failed): try again
  const age = Date.now() - Date.parse(row.created_at);
  if (age > TTL_MS || (row.status_code === IN_PROGRESS && age > ABANDONED_MS)) {
    // Expired or abandoned: replace it, guarded on created_at so only one racer wins the takeover.
    const taken = await db
      .updateTable('idempotency_keys')
      .set({ request_hash: hash, status_code: IN_PROGRESS, response_body: '', created_at: now })
      .where('scope', '=', scope)
      .where('key', '=', key)
      .where('created_at', '=', row.created_at)
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) === 1) return null;
    throw new AppError('idempotency_in_progress');
  }
  if (row.request_hash !== hash) throw new AppError('idempotency_key_reused', undefined, 'Idempotency-Key');
  if (row.status_code === IN_PROGRESS) throw new AppError('idempotency_in_progress');
  return { status: row.status_code, body: JSON.parse(row.response_body) as unknown };
}

/**
 * Runs `handler` at most once per (scope, Idempotency-Key). Without the header it simply runs.
 * A replay answers the stored status and body with `Idempotent-Replayed: true`; the same key
 * with a different body is 422. If the handler fails the key is released so the client can retry.
 */
export async function withIdempotency(
  request: FastifyRequest,
  reply: FastifyReply,
  scope: string,
  handler: () => Promise<IdempotentResult>,
  options: IdempotencyOptions,
): Promise<unknown> {
  const key = idempotencyKeyOf(request);
  if (key === undefined) {
    const result = await handler();
    void reply.code(result.status);
    return result.body;
  }
  const { db } = options;
  await sweepExpired(db);
  const stored = await claim(db, scope, key, requestHash(request, options.fingerprint ?? ''));
  if (stored) {
    void reply.code(stored.status).header('idempotent-replayed', 'true');
    return stored.body;
  }
  let result: IdempotentResult;
  try {
    result = await handler();
  } catch (err) {
    await db.deleteFrom('idempotency_keys').where('scope', '=', scope).where('key', '=', key).where('status_code', '=', IN_PROGRESS).execute();
    throw err;
  }
  await db
    .updateTable('idempotency_keys')
    .set({ status_code: result.status, response_body: JSON.stringify(result.body) })
    .where('scope', '=', scope)
    .where('key', '=', key)
    .execute();
  void reply.code(result.status);
  return result.body;
}
