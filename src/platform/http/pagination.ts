import { z } from 'zod';
import { AppError } from './errors.js';
import { UUID_PATTERN } from '../db/ids.js';

/**
 * Cursor pagination over time-ordered ids (UUIDv7). The cursor is opaque to clients: a
 * base64url JSON blob holding the last id seen, so we can change what it holds later.
 */
export const limitSchema = z.coerce.number().int().min(1).max(100).default(25).describe('Page size, 1–100 (default 25)');
export const cursorSchema = z.string().max(200).optional().describe('`nextCursor` from the previous page');

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function encodeCursor(lastId: string): string {
  return Buffer.from(JSON.stringify({ after: lastId }), 'utf8').toString('base64url');
}

/** The last id of the previous page; 400 cursor_invalid for anything we did not issue. */
export function decodeCursor(cursor: string, field = 'query.cursor'): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof parsed.after === 'string' && UUID_PATTERN.test(parsed.after)) return parsed.after;
  } catch {
    // fall through to the error below
  }
  throw new AppError('cursor_invalid', undefined, field);
}

/** Builds a page from `limit + 1` fetched rows: the extra row only says whether there is more. */
export function pageOf<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}

export function mapPage<T, U>(page: Page<T>, fn: (item: T) => U): Page<U> {
  return { items: page.items.map(fn), nextCursor: page.nextCursor };
}

/** The two query fields every list endpoint accepts; spread into a `z.strictObject`. */
export const pageQuery = { cursor: cursorSchema, limit: limitSchema };

/** `limit + 1` rows → one presented page. */
export function toPage<T extends { id: string }, P>(rows: T[], limit: number, present: (row: T) => P): Page<P> {
  return mapPage(pageOf(rows, limit), present);
}
