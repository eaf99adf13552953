import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time and must not follow later schema types */
/**
 * The email channel: every message that came in or went out by email (threading headers, delivery
 * state, failed mail kept for admins), and the addresses copied on a ticket that may write to it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('email_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    // One row per inbound Message-ID (or source hash) and per outbound purpose: repeats add nothing.
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('message_id_header', 'text')
    .addColumn('ticket_id', 'text', (c) => c.references('tickets.id').onDelete('cascade'))
    .addColumn('message_id', 'text', (c) => c.references('messages.id').onDelete('set null'))
    .addColumn('source', 'text')
    .addColumn('from_address', 'text')
    .addColumn('recipients', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('subject', 'text')
    .addColumn('in_reply_to', 'text')
    .addColumn('references', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('full_text', 'text')
    .addColumn('html', 'text')
    .addColumn('sender_check', 'text')
    .addColumn('raw_key', 'text')
    .addColumn('size', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('email_messages_dedupe').on('email_messages').column('dedupe_key').unique().execute();
  await db.schema.createIndex('email_messages_header').on('email_messages').column('message_id_header').execute();
  await db.schema.createIndex('email_messages_ticket').on('email_messages').columns(['ticket_id', 'id']).execute();
  await db.schema.createIndex('email_messages_state').on('email_messages').columns(['direction', 'state', 'id']).execute();

  await db.schema
    .createTable('email_participants')
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('email_participants_pk', ['ticket_id', 'address'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('email_participants').execute();
  await db.schema.dropTable('email_messages').execute();
}
