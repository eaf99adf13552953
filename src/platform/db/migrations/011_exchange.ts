import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time and must not follow later schema types */
/**
 * The exchange adapter: risk events the exchange sends us (deduplicated by the exchange's event
 * id, so a replay changes nothing) and the verification codes an agent had the exchange send a
 * customer before anything sensitive is shown.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('exchange_risk_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('uid', 'text', (c) => c.notNull())
    // The customer carrying that exchange UID when the event arrived; null when we have none yet.
    .addColumn('customer_id', 'text', (c) => c.references('customers.id'))
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('exchange_risk_events_uid').on('exchange_risk_events').columns(['uid', 'occurred_at']).execute();

  await db.schema
    .createTable('exchange_verifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('uid', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    // The exchange's id for the code it sent; the code itself never reaches us.
    .addColumn('challenge_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sent_by', 'text', (c) => c.references('agents.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('verified_at', 'text')
    .execute();
  await db.schema.createIndex('exchange_verifications_ticket').on('exchange_verifications').columns(['ticket_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('exchange_verifications').execute();
  await db.schema.dropTable('exchange_risk_events').execute();
}
