import { z } from 'zod';
import { UUID_PATTERN } from '../../platform/db/ids.js';
import { AppError } from '../../platform/http/errors.js';

/**
 * Cursors are the last id seen (ids are UUIDv7, so they sort by creation), wrapped in
 * base64url so clients treat them as opaque.
 */
export const encodeCursor = (id: string): string => Buffer.from(id, 'utf8').toString('base64url');

export function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!UUID_PATTERN.test(id)) throw new AppError('cursor_invalid', undefined, 'query.cursor');
  return id;
}

export const pageQuery = {
  cursor: z.string().max(200).optional().describe('`nextCursor` from the previous page'),
  limit: z.coerce.number().int().min(1).max(100).default(25).describe('Items per page, 1–100'),
};

/** Takes `limit + 1` rows and turns them into one page. */
export function toPage<T extends { id: string }, P>(rows: T[], limit: number, present: (row: T) => P): { items: P[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return { items: page.map(present), nextCursor: more ? encodeCursor(page[page.length - 1]!.id) : null };
}
