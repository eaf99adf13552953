import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time and must not follow later schema types */
/**
 * The generic connector (issue 7, item 6): a bridge for another messaging app (KakaoTalk, LINE,
 * WhatsApp, X…) signs what it posts with the connector's inbound secret and receives the desk's
 * replies at its callback URL, signed with the callback secret. Secrets are kept as given
 * (HMAC needs the key) and are only ever shown once, when created or rotated. Each public message
 * sent to a connector has one delivery row, so agents see whether it arrived.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('connectors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('inbound_secret', 'text', (c) => c.notNull())
    .addColumn('callback_url', 'text', (c) => c.notNull())
    .addColumn('callback_secret', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('connector_deliveries')
    .addColumn('message_id', 'text', (c) => c.primaryKey().references('messages.id'))
    .addColumn('connector_id', 'text', (c) => c.notNull().references('connectors.id'))
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    // pending (being tried) | delivered | failed (out of attempts, or refused by the bridge)
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('connector_deliveries_connector_state').on('connector_deliveries').columns(['connector_id', 'state']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('connector_deliveries').execute();
  await db.schema.dropTable('connectors').execute();
}
