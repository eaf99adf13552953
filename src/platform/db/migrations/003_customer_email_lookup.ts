import type { Kysely } from 'kysely';

/**
 * Guest tickets look up "the newest unverified customer with this email". With an index on
 * email alone SQLite walked the whole table in id order instead; (email, verified, id)
 * answers it from the index. It also serves every plain email lookup, so the old one goes.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('customers_email_verified').on('customers').columns(['email', 'verified', 'id']).execute();
  await db.schema.dropIndex('customers_email').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('customers_email').on('customers').column('email').execute();
  await db.schema.dropIndex('customers_email_verified').execute();
}
