import { sql } from 'kysely';
import type { Tx } from '../../platform/db/index.js';
import { dialectOf } from '../../platform/db/dialect.js';

/**
 * Hands out the next ticket number inside the ticket's own transaction. PostgreSQL uses a
 * sequence (never reused, gaps allowed, no lock shared by concurrent creates); SQLite has a
 * single writer, so bumping the counter row in the same transaction is already collision-free.
 */
export async function allocateTicketNumber(trx: Tx, prefix: string): Promise<string> {
  if (dialectOf(trx) === 'postgres') {
    const { rows } = await sql<{ n: string | number }>`select nextval('ticket_number_seq') as n`.execute(trx);
    return `${prefix}-${String(rows[0]!.n)}`;
  }
  const row = await trx
    .updateTable('ticket_counter')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', 'ticket')
    .returning('value')
    .executeTakeFirstOrThrow();
  return `${prefix}-${row.value}`;
}

export const TICKET_NUMBER = /^[A-Z]{1,6}-\d{1,12}$/;
