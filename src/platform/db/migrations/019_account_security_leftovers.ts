import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time and must not follow later schema types */
/**
 * Issue 6 leftovers: answers the bot asked for that must never be stored in clear (a one-time
 * code typed into the chat), kept sealed until the bot has checked them; and the built-in
 * exchange simulator's state (freezes, codes sent, idempotency keys), shared by every node of
 * one installation instead of living in one process's memory.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sealed_answers')
    .addColumn('message_id', 'text', (c) => c.primaryKey().references('messages.id'))
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    // AES-256-GCM under a key derived from the installation key (security/sealedAnswers.ts)
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('exchange_simulator_state')
    // account | challenge | idempotency
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('exchange_simulator_state_pk', ['kind', 'key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('exchange_simulator_state').execute();
  await db.schema.dropTable('sealed_answers').execute();
}
