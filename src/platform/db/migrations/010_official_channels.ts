import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time and must not follow later schema types */
/** The exchange's official websites, email addresses, Telegram/X accounts and phone numbers. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('official_channels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    // Normalised: host name, address or @domain, handle without @, phone digits with +.
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('official_channels_kind_value').on('official_channels').columns(['kind', 'value']).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('official_channels').execute();
}
