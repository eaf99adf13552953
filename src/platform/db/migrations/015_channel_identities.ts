import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time and must not follow later schema types */
/**
 * Who a customer is on a messaging channel (a Telegram user id, later other apps' ids): the
 * desk's customer behind it and where to write back. One row per (channel, external id).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('channel_identities')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    // JSON: what the channel needs to reach them (Telegram: chat id, username) and whether it can.
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('channel_identities_pk', ['channel', 'external_id'])
    .execute();
  await db.schema.createIndex('channel_identities_customer').on('channel_identities').column('customer_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('channel_identities').execute();
}
